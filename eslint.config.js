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
    // The shell reaches the core through the protocol, the host's entry points (host/shell-facade.ts for the few
    // things it does itself) and the machine helpers: never a domain or the database directly (VS Code's layers).
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./core/(?!protocol/|host/|system/)',
              message: 'electron/main uses the core only through protocol/, host/ (shell-facade.ts) and system/.',
            },
          ],
        },
      ],
    },
  },
  {
    // A domain is reached from outside through the protocol: it never imports the host or the CLI.
    files: ['electron/core/*/**/*.ts'],
    ignores: ['electron/core/host/**', 'electron/core/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The studio core runs in plain Node: never import electron here.' }],
          patterns: [
            {
              regex: '^(\\.\\./)+(host|cli)/',
              message: 'A domain never imports the host or the CLI: they call the domain, not the other way.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/protocol/**/*.ts', 'electron/core/overlay/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The protocol is runtime-neutral.' }],
          patterns: [
            { group: nodeBuiltins, message: 'The protocol is shared with the renderer: no Node built-ins.' },
            { regex: '^(\\.\\./)+(host|cli)/', message: 'The protocol never imports the host or the CLI.' },
          ],
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
      // Values come only from the contract's zod-free modules (choices.ts, limits.ts, …): a value import from a
      // schema file pulls zod and every schema into the bundle. Types are free.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'core/protocol/([a-z-]+-schemas|contract)\\.ts$',
              allowTypeImports: true,
              message: 'Import values from a zod-free protocol module (choices.ts, limits.ts, …); types are fine.',
            },
          ],
        },
      ],
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
    // The show's stream widgets that the live console also shows live in ui/stream/: neither screen imports the other.
    files: ['renderer/src/features/stream/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        rendererImports({ regex: '(^|/)live/', message: 'features/stream never imports features/live.' }),
      ],
    },
  },
  {
    files: ['renderer/src/features/live/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        rendererImports({
          regex: '^(\\.\\./)+stream/',
          message: 'features/live never imports features/stream: shared stream widgets live in ui/stream/.',
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
