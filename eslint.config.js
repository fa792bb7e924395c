// Lint, and the import directions of the architecture (architecture.md, "Import direction"):
// shared imports nothing of ours and nothing of Node or Electron; db imports shared;
// electron/app and electron/excel import db and shared; only main, preload and ipc
// import 'electron'; renderer imports shared only. The command line is a front-end over
// the Api: it imports shared, its own files and the app's door (dispatch, handlers,
// bootstrap, context), never a service. The workbook and document writers never import
// the services that call them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'This layer must stay browser-safe: no Node built-ins.' };
const electronOnlyInShell = {
  name: 'electron',
  // Types describe, they do not run: a helper may name BrowserWindow without loading Electron.
  allowTypeImports: true,
  message: "Only electron/main.ts, preload.ts and ipc.ts may import 'electron'.",
};
const layer = (from, message) => ({ group: from, message });

/**
 * Query-builder chains belong in db/queries/<domain>.ts (issue #13): a service asks a
 * query module, it does not build SQL. Warned for now while the chains move; the
 * coordinator turns it to an error once they have.
 */
const QUERY_BUILDERS = ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto'];
const noQueryBuilders = QUERY_BUILDERS.map((name) => ({
  selector: `CallExpression[callee.type='MemberExpression'][callee.property.name='${name}']`,
  message: `${name}(…) belongs in db/queries/<domain>.ts: call a query function from there.`,
}));

/**
 * The storage seam (db/handle.ts, #16): a service never reaches under kysely to the
 * SQLite connection, which a PostgreSQL database does not have; what differs between the
 * two is a method of the handle. Only the file backup (electron/app/backup.ts) is SQLite's own.
 */
const noRawSqlite = ['handle', 'ctx'].flatMap((owner) => [
  {
    selector: `MemberExpression[property.name='sqlite'][object.type='MemberExpression'][object.property.name='${owner}']`,
    message: 'The SQLite connection is behind the DbHandle (db/handle.ts): use handle.inTransaction(), relaxedDurability(), exclusively(), or add a method there.',
  },
  {
    selector: `MemberExpression[property.name='sqlite'][object.type='Identifier'][object.name='${owner}']`,
    message: 'The SQLite connection is behind the DbHandle (db/handle.ts): use handle.inTransaction(), relaxedDurability(), exclusively(), or add a method there.',
  },
]);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // electron-builder loads its configuration and hooks as CommonJS.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [nodeBuiltins, layer(['**/db/**', '**/electron/**', '**/renderer/**'], 'shared/ imports nothing of ours.')],
      }],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [layer(['**/electron/**', '**/renderer/**'], 'db/ may import shared/ only.')],
      }],
    },
  },
  {
    files: ['electron/app/**/*.ts', 'electron/excel/**/*.ts', 'electron/documents/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [layer(['**/renderer/**', '../main', '../preload', '../ipc', '../cli', '../web'], 'Services import db/ and shared/, never the shell or the UI.')],
      }],
    },
  },
  {
    // Only shared/, its own files and the app's door: every command goes through dispatch.
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [
          {
            // Anything above its own folder but shared/ and the four modules of the app's door.
            regex: String.raw`^\.\./(?!app/(?:dispatch|handlers|bootstrap|context)$)(?!\.\./shared/)`,
            message: 'The command line reaches the services only through the Api: it imports shared/, its own files and electron/app/{dispatch,handlers,bootstrap,context}.',
          },
        ],
      }],
    },
  },
  {
    files: ['electron/excel/**/*.ts', 'electron/documents/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [
          layer(['**/renderer/**', '../main', '../preload', '../ipc', '../cli', '../web'], 'Services import db/ and shared/, never the shell or the UI.'),
          layer(['**/electron/app/**', '../app/**', '../app'], 'The workbook and document code is called by the services; it never imports them (electron/app/).'),
        ],
      }],
    },
  },
  {
    files: ['electron/app/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noQueryBuilders, ...noRawSqlite] },
  },
  {
    // Backups and restores as files are SQLite's online backup API; on a server the handle says there are none.
    files: ['electron/app/backup.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noQueryBuilders] },
  },
  {
    files: ['electron/*.ts', 'electron/cli/**/*.ts', 'electron/excel/**/*.ts', 'electron/documents/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noRawSqlite] },
  },
  {
    files: ['electron/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [layer(['**/renderer/**'], 'The Node side never imports the UI.')],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [nodeBuiltins, layer(['**/db/**', '**/electron/**'], 'renderer/ talks to the Api only: import shared/, nothing else of ours.')],
      }],
    },
  },
);
