import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-electron',
      'release',
      'db/migrations',
      'coverage',
      '.cache',
      'test-results',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Core and transports must not import Electron; only electron/shell and electron/preload may.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only electron/shell and electron/preload may import electron.' }] },
      ],
    },
  },
  {
    files: ['electron/shell/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Feature components get their data through their feature's actions.ts, a hook or a store,
    // never from the client directly (errors are shown through lib/errors).
    files: ['renderer/src/features/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/shell and electron/preload may import electron.' }],
          patterns: [
            {
              group: ['**/api/client', '**/api/files'],
              message:
                "Feature components call their feature's actions.ts, a hook or a store, not api/client (errors: lib/errors).",
            },
          ],
        },
      ],
    },
  },
);
