import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, bottom first (docs/architecture.md explains each). A module may import from
 * its own entry and from the entries below it; an import from an entry above is an error. So no
 * two folders can import each other, directly or round a longer loop: a folder-level cycle always
 * contains one upward import, and that import fails `npm run lint` (and so `npm test`).
 */
const LAYERS = [
  ['src/common'],
  ['src/errors.ts'],
  ['src/model.ts'],
  ['src/config'],
  ['src/log.ts'],
  ['src/auth'],
  ['src/coc'],
  ['src/load'],
  ['src/check'],
  ['src/remote'],
  ['src/resolve'],
  ['src/diff'],
  ['src/plan'],
  ['src/report'],
  ['src/apply'],
  ['src/export'],
  ['src/github'],
  ['src/engine'],
  ['src/publish.ts'],
  ['src/cli'],
  ['src/action.ts'],
  ['src/exit.ts'],
  ['src/index.ts', 'src/cli.ts', 'src/worker.ts'],
];

const layerZones = LAYERS.slice(0, -1).map((layer, index) => ({
  target: layer.map((entry) => `./${entry}`),
  from: LAYERS.slice(index + 1)
    .flat()
    .map((entry) => `./${entry}`),
  message:
    `${layer.join(', ')} is below the imported module in the layer order (LAYERS in ` +
    'eslint.config.js): an upward import makes a folder cycle possible. Move the shared code down ' +
    '(often to src/common/) or pass it in.',
}));

/** The pure core: data in, data out. */
const PURE = ['src/load', 'src/resolve', 'src/diff', 'src/plan', 'src/report'];
/** Modules that do I/O (network, runner, remote writes) or orchestrate it. */
const IO = [
  'src/log.ts',
  'src/auth',
  'src/coc',
  'src/check',
  'src/remote',
  'src/apply',
  'src/export',
  'src/github',
  'src/engine',
  'src/publish.ts',
];
const pureZone = {
  target: PURE.map((entry) => `./${entry}`),
  from: IO.map((entry) => `./${entry}`),
  message: 'The pure core (load, resolve, diff, plan, report) takes data and returns data: no I/O module.',
};

// A later config object replaces an earlier one's no-restricted-imports options, so each block
// below lists every pattern that applies to its files.
const productOnly = {
  group: ['**/emulator/**', '**/__tests__/**', '**/scripts/**'],
  message: 'Product code never imports the emulator or test support.',
};
const noRunner = { group: ['@actions/*'], message: 'The pure core does no runner I/O.' };
const noNetwork = {
  group: ['undici', 'node:http', 'node:https', 'node:net', 'node:tls'],
  message: 'The pure core does no network I/O.',
};
const noFiles = {
  group: ['node:fs', 'node:fs/*', 'node:child_process'],
  message: 'The pure core reads files only through load/discover.ts and load/content.ts.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'no-restricted-imports': ['error', { patterns: [productOnly] }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, pureZone] }],
      // Configuration is resolved once, in config/: below the front ends nothing reads the live
      // environment or working directory; both travel in Config.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read it from Config (config/parse.ts).' },
        { object: 'process', property: 'cwd', message: 'Use Config.workingDirectory.' },
      ],
    },
  },
  {
    // Where inputs, the environment and the working directory are read.
    files: ['src/config/**', 'src/action.ts', 'src/cli.ts', 'src/index.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: PURE.map((folder) => `${folder}/**`),
    rules: {
      'no-restricted-imports': ['error', { patterns: [productOnly, noRunner, noNetwork, noFiles] }],
    },
  },
  {
    files: ['src/load/discover.ts', 'src/load/content.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [productOnly, noRunner, noNetwork] }] },
  },
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            productOnly,
            { group: ['@actions/*'], message: 'The engine serves the CLI too: no runner I/O here.' },
          ],
        },
      ],
    },
  },
  {
    files: ['emulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../src/*.js', '../src/*/*.js', '!../src/auth/aksk.js'],
              message:
                'The emulator is an independent implementation of the API: only ../src/auth/aksk.js ' +
                '(the signing primitive, pinned by published vectors) is shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tool configuration files must default-export their configuration.
    files: ['eslint.config.js', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
