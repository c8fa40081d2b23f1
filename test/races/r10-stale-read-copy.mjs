// Stale read copied to another location: a report build reads config.version, awaits rendering, then records the old version after a deploy changed it.
// expect: stale-read config.version
import { setTimeout as sleep } from 'node:timers/promises';

const config = { version: 1 };
const report = { builtFromVersion: null, pages: 0 };

async function buildReport(ms) {
  const version = config.version; // read
  await sleep(ms); // await
  report.builtFromVersion = version; // use
  report.pages = 4;
}

async function deploy(ms) {
  await sleep(ms);
  config.version = 2;
}

await Promise.all([buildReport(150), deploy(10)]);
console.log(`report built from version ${report.builtFromVersion}, config is at version ${config.version}`);
