import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureFolders = ['src/load/**', 'src/resolve/**', 'src/diff/**', 'src/plan/**', 'src/report/**'];

// A later config object replaces an earlier one's no-restricted-imports options, so every src/
// block repeats this pattern: product code never imports the emulator or test support.
const productOnly = {
  group: ['**/emulator/**', '**/__tests__/**', '**/scripts/**'],
  message: 'Product code never imports the emulator or test support.',
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
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (STYLE §3.10).' },
      ],
    },
  },
  {
    files: ['src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [productOnly] }] },
  },
  {
    files: pureFolders,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            productOnly,
            { group: ['@actions/*'], message: 'Pure stages do no runner I/O (STYLE §3.3).' },
            {
              group: ['undici', 'node:http', 'node:https'],
              message: 'Pure stages do no network I/O (STYLE §3.3).',
            },
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
                'The emulator is an independent implementation (STYLE §2); only ../src/auth/aksk.js is shared.',
            },
          ],
        },
      ],
    },
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
            {
              group: ['../github/*', '../publish.js', '../action.js'],
              message: 'The front ends present; the engine does not.',
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
