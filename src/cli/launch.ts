// The `loopscope` command: loads the CLI's bundle (cli-main.cjs) with V8's code for it kept between runs, in the
// cache folder (see tracer/code-cache.ts): the one --cache-dir names, none with --no-cache, else the default one.
import { join } from 'node:path';
import { loadBundle } from '../tracer/code-cache';
import { defaultCacheDir } from '../instrument/cache';

const argv = process.argv.slice(2);
const own = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
const named = own.indexOf('--cache-dir');
const cacheDir = own.includes('--no-cache') ? undefined : named >= 0 ? own[named + 1] : defaultCacheDir();
const cli = loadBundle<typeof import('./main')>(join(__dirname, 'cli-main.cjs'), cacheDir, require);
cli.exports.main(argv).then(() => cli.keepCode?.());
