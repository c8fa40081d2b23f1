// Lint for every runtime's sources, the tests and the scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'test/corpus/**', 'test/model/programs/**', 'test/loops/**', 'test/adversarial/**', 'test/golden/**', 'test/**/out/**', 'test/vscode/fixture-extension/**', 'test/vscode/fixture-workspace/**', 'test/vscode/workspace/**', 'bench/programs/**', 'test/cli/fixtures/**', 'test/packages/.work/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', exports: 'writable', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', performance: 'readonly', AbortController: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    // the browser room: the page's globals, and nothing of VS Code's or Node's
    files: ['webview/**'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', acquireVsCodeApi: 'readonly' } },
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode', ...NODE_BUILTINS], patterns: [{ group: ['node:*'], message: 'The webview runs in a browser: no Node built-ins.' }, { group: ['**/extension/**', '**/runner/**', '**/tracer/**', '**/cli/**', '**/instrument/**'], message: 'The webview imports only src/core and src/protocol.' }] }] },
  },
  {
    files: ['src/**'],
    ignores: ['src/extension/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/extension imports vscode.' }] }] },
  },
  {
    // the core is shared by every runtime: no VS Code, no Node process or file system, no browser
    files: ['src/core/**', 'src/protocol.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode', ...NODE_BUILTINS], patterns: [{ group: ['node:*'], message: 'src/core is pure: no Node built-ins.' }, { group: ['**/webview/**', '**/extension/**', '**/runner/**', '**/tracer/**', '**/cli/**'], message: 'Arrows point inward to src/core.' }] }] },
  },
);
