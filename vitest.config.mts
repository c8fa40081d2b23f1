import { defineConfig } from 'vitest/config';

// Three tiers, each a project, so a developer runs the one that fits (`npx vitest run --project core`):
// - core: no program runs and no browser; the model's goldens on recorded runs, unit tests (seconds)
// - runs: real traced runs of real programs (fidelity, adversarial, races, packages, CLI) (minutes)
// - browser: the viewer, the report and the diagrams in headless Chromium
const common = { testTimeout: 60_000, hookTimeout: 60_000, maxConcurrency: 3 };
/** unit tests that trace a small real program each: they belong to the runs tier */
const tracingUnits = ['exports', 'mistakes', 'model', 'viewer-model'].map((n) => `test/unit/${n}.test.ts`);
export default defineConfig({
  test: {
    projects: [
      { test: { ...common, name: 'core', include: ['test/model/**/*.test.ts', 'test/unit/**/*.test.ts'], exclude: ['**/node_modules/**', ...tracingUnits] } },
      {
        test: {
          ...common,
          name: 'runs',
          include: [...tracingUnits, 'test/fidelity/**/*.test.ts', 'test/races/**/*.test.ts', 'test/packages/**/*.test.ts', 'test/cli/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'test/packages/.work/**'],
        },
      },
      { test: { ...common, name: 'browser', include: ['test/webview/**/*.test.ts', 'test/diagrams/**/*.test.ts'] } },
    ],
  },
});
