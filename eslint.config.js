import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureFolders = ['src/load/**', 'src/resolve/**', 'src/diff/**', 'src/plan/**', 'src/report/**'];

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
    files: pureFolders,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
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
    files: ['src/emulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../load/*', '../diff/*', '../plan/*', '../coc/*', '../resolve/*', '../apply/*'],
              message:
                'The emulator is an independent implementation (STYLE §2); only ../auth/aksk.js is shared.',
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
