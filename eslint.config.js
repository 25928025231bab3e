// Lint enforces the process fences (as Signal's file suffixes and VS Code's layering rules do):
// the core never imports Electron; the protocol stays runtime-neutral; the renderer reaches the core
// only through the protocol.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'worker_threads'];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-electron',
      'release',
      'test-results',
      'playwright-report',
      'tests/fixtures',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/**/*.{ts,cts}', 'tests/**/*.ts', '*.config.{ts,js}', 'bin/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The studio core runs in plain Node: never import electron here.' }] },
      ],
    },
  },
  {
    files: ['electron/core/protocol/**/*.ts', 'electron/core/overlay/shared/**/*.ts'],
    ignores: ['electron/core/protocol/ws-transport.ts', 'electron/core/protocol/port-transport.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The protocol is runtime-neutral.' }],
          patterns: [{ group: nodeBuiltins, message: 'The protocol is shared with the renderer: no Node built-ins.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererImports()],
    },
  },
  {
    // The shared building blocks know no screen: a screen's code that two features need moves here, not across.
    files: ['renderer/src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        rendererImports({ regex: '/features/', message: 'ui/ is shared by every screen: it never imports features/.' }),
      ],
    },
  },
  {
    // The live console shows the stream's widgets; the stream screen needs nothing of the console's.
    files: ['renderer/src/features/stream/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        rendererImports({
          regex: '(^|/)live/',
          message: 'features/stream never imports features/live (one way only).',
        }),
      ],
    },
  },
);

/** What the renderer may not import; `extra` adds one more pattern for a folder of it. */
function rendererImports(extra) {
  return {
    paths: [{ name: 'electron', message: 'The renderer talks to the studio only through the protocol client.' }],
    patterns: [
      { group: nodeBuiltins, message: 'The renderer runs in a browser sandbox.' },
      {
        regex: '^(\\.\\./)+electron/(?!core/protocol/|core/overlay/shared/)',
        message: 'The renderer may import only from electron/core/protocol and the shared overlay drawing.',
      },
      ...(extra ? [extra] : []),
    ],
  };
}
