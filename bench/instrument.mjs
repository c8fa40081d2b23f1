// Instrumenting a large file: the one pass (parse, walk, print with a source map) against acorn's parse alone, on a
// ~1.2 MB file of minified libraries the project already has (concatenated, each in its own function), and the whole
// `loopscope trace` command on a program that requires it against plain node. Called by bench/run.mjs.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const MINIFIED = ['cytoscape/dist/cytoscape.min.js', 'd3/dist/d3.min.js', 'katex/dist/katex.min.js', 'ajv/dist/ajv.min.js', 'lodash/lodash.min.js'];

/** Writes the big file and a program that loads it into `work`; returns their paths (null when a library is missing). */
export function minifiedProgram(root, work) {
  const parts = [];
  for (const lib of MINIFIED) {
    try {
      parts.push(`;(function(){${readFileSync(join(root, 'node_modules', lib), 'utf8')}\n})();`);
    } catch {
      return null;
    }
  }
  const big = join(work, 'minified-bundle.js');
  writeFileSync(big, parts.join(''));
  const program = join(work, 'loads-minified.js');
  writeFileSync(program, "require('./minified-bundle.js');\nconsole.log('loaded');\n");
  return { big, program, bytes: parts.join('').length };
}

/**
 * Times (median of runs, ms) of acorn's parse (with locations, and without as the instrumenter parses), of the whole
 * instrumentation of `file`, and of reading it back from the persistent cache, in a fresh process.
 */
export function instrumentTimes(root, work, file, runs) {
  const script = join(work, 'instrument-timer.cjs');
  const esbuild = createRequire(join(root, 'package.json'))('esbuild');
  esbuild.buildSync({
    stdin: {
      contents: `
        const acorn = require('acorn');
        const { prepareModule, prepareModuleOnce } = require('./src/instrument/prepare');
        const src = require('node:fs').readFileSync(process.argv[2], 'utf8');
        const parse = [], bare = [], instrument = [], cached = [];
        const cacheDir = require('node:path').join(${JSON.stringify(work)}, 'instrument-cache');
        prepareModuleOnce(src, process.argv[2], 'commonjs', { races: true, cacheDir });
        for (let i = 0; i < ${runs}; i++) {
          let t = performance.now();
          acorn.parse(src, { ecmaVersion: 'latest', locations: true });
          parse.push(performance.now() - t);
          t = performance.now();
          acorn.parse(src, { ecmaVersion: 'latest' });
          bare.push(performance.now() - t);
          t = performance.now();
          prepareModule(src, process.argv[2], 'commonjs', { races: true });
          instrument.push(performance.now() - t);
          t = performance.now();
          prepareModuleOnce(src, process.argv[2], 'commonjs', { races: true, cacheDir });
          cached.push(performance.now() - t);
        }
        const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
        console.log(JSON.stringify({ parse: median(parse), bare: median(bare), instrument: median(instrument), cached: median(cached) }));`,
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    outfile: script,
    logLevel: 'error',
    external: ['esbuild'],
    define: { __LOOPSCOPE_INSTRUMENTER_BUILD__: '"bench"' }, // a build of its own in a cache folder of its own
  });
  const r = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}
