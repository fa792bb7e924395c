// Lint, and the import directions of the architecture (architecture.md, "Import direction"):
// shared imports nothing of ours and nothing of Node or Electron; db imports shared;
// electron/app and electron/excel import db and shared; only main, preload and ipc
// import 'electron'; renderer imports shared only.
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
