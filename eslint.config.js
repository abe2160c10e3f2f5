import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/*
 * Import boundaries (architecture: one core, thin shells). Each folder of electron/core/ is a
 * domain whose index.ts is its only public face; files inside a domain import each other
 * directly. no-restricted-imports takes one option list per file (a later block replaces an
 * earlier one, it does not add to it), so every block below restates the Electron rule.
 * tests/unit/lint-boundaries.test.ts lints small snippets with this config so that a rule
 * cannot be lost silently; `npm run cycles` (madge) keeps the import graph free of cycles.
 *
 * tests/ may import a domain's inner files: unit tests of internal pure functions (the
 * imaging steps, the PP-OCR post-processing, 档号 formatting…) are legitimate, and a test is
 * coupled only to the code it tests. Production code, scripts/ and the shell may not.
 */
export const DOMAINS = [
  'appraisal',
  'arrangement',
  'audit',
  'auth',
  'catalogue',
  'dashboard',
  'demo',
  'exporter',
  'forms',
  'imaging',
  'importer',
  'kernel',
  'lending',
  'ocr',
  'persons',
  'print',
  'room',
  'scan',
  'scheme',
  'search',
  'setup',
  'shelving',
  'signature',
  'statistics',
  'stats',
  'stocktake',
  'storage',
  'sync',
];
const any = (names) => `(?:${names.join('|')})`;
const ELECTRON = { name: 'electron', message: 'Only electron/shell and electron/preload may import electron.' };
const restrict = (patterns, paths = [ELECTRON]) => ['error', { paths, patterns }];
const RENDERER_ONLY_CONTRACT = {
  regex: '^(\\.\\./)+(electron(?!/contract(/|$))|db|scripts|tests)(/|$)',
  message: 'The renderer imports only electron/contract; data comes through api/client.ts.',
};

const TRANSPORTS = {
  regex: '(^|/)transports(/|$)',
  message:
    'core never imports electron/transports/: the transports call core (createCore, core/dispatch.ts), not the reverse.',
};
const innerOf = (domains, prefix) => ({
  regex: `${prefix}${any(domains)}/.`,
  message:
    "Import another domain only through its index.ts face ('../scan', not '../scan/services'); export what you need from that index.",
});
const boundaries = [
  // A domain's files reach other domains only through their faces, and never the transports.
  ...DOMAINS.filter((d) => d !== 'kernel').map((d) => ({
    files: [`electron/core/${d}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': restrict([
        innerOf(
          DOMAINS.filter((o) => o !== d),
          '^(\\.\\./)+',
        ),
        TRANSPORTS,
      ]),
    },
  })),
  {
    files: ['electron/core/kernel/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: `^(\\.\\./)+${any(DOMAINS.filter((d) => d !== 'kernel'))}(/|$)`,
          message:
            'kernel/ imports no domain: declare the shape kernel needs as an interface here, or move the code into the domain that owns it.',
        },
        TRANSPORTS,
      ]),
    },
  },
  // core/app.ts, core/dispatch.ts and the other files beside the domains.
  {
    files: ['electron/core/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrict([innerOf(DOMAINS, '^\\./'), TRANSPORTS]) },
  },
  // Transports, scripts/ (the CLI included) and the shell: faces only. The shell may import Electron.
  {
    files: ['electron/transports/**/*.{ts,tsx}', 'scripts/**/*.{ts,tsx,mts,mjs}'],
    rules: { 'no-restricted-imports': restrict([innerOf(DOMAINS, '(^|/)core/')]) },
  },
  {
    files: ['electron/shell/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrict([innerOf(DOMAINS, '(^|/)core/')], []) },
  },
  { files: ['electron/preload/**'], rules: { 'no-restricted-imports': 'off' } },
  // db/ is the bottom layer.
  {
    files: ['db/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: '(^|/)electron(/|$)',
          message:
            'db/ imports nothing from electron/: give db its own type or error (see db/errors.ts) and let core map it.',
        },
      ]),
    },
  },
  // The renderer talks to the app only through the contract (and api/client.ts at run time).
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([RENDERER_ONLY_CONTRACT]),
    },
  },
];

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
      'no-restricted-imports': restrict([]),
    },
  },
  ...boundaries,
  {
    // Feature components get their data through their feature's actions.ts, a hook or a store,
    // never from the client directly (errors are shown through lib/errors). This block
    // replaces the renderer's option list for these files, so it restates that rule too.
    files: ['renderer/src/features/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict([
        RENDERER_ONLY_CONTRACT,
        {
          group: ['**/api/client', '**/api/files'],
          message:
            "Feature components call their feature's actions.ts, a hook or a store, not api/client (errors: lib/errors).",
        },
      ]),
    },
  },
);
