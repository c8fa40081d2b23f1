import { defineConfig } from 'vitest/config';
import { readdirSync, readFileSync } from 'node:fs';

// Three tiers, each a project, so a developer runs the one that fits (`npx vitest run --project core`):
// - core: no program runs and no browser; the model's goldens on recorded runs, unit tests (seconds)
// - runs: real traced runs of real programs (fidelity, adversarial, races, packages, CLI) (minutes)
// - browser: the viewer, the report and the diagrams in headless Chromium
const common = { testTimeout: 60_000, hookTimeout: 60_000, maxConcurrency: 3 };
/** unit tests that trace a small real program (they import the runner): they belong to the runs tier */
const tracingUnits = readdirSync('test/unit')
  .filter((f) => f.endsWith('.test.ts') && /from '\.\.\/\.\.\/src\/runner\//.test(readFileSync(`test/unit/${f}`, 'utf8')))
  .map((f) => `test/unit/${f}`);
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
