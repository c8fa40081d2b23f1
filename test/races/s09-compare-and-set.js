// No race: a compare-and-set retry loop; the write after the await happens only if the version read before it is still current, else it retries.
// expect: none
const { setTimeout: sleep } = require('node:timers/promises');

const store = { value: 0, version: 0 };

async function increment(name, ms) {
  for (let attempt = 1; ; attempt++) {
    const { value, version } = store;
    await sleep(ms);
    if (store.version === version) {
      store.value = value + 1;
      store.version = version + 1;
      console.log(`${name}: committed on attempt ${attempt}`);
      return;
    }
    console.log(`${name}: version moved on, retrying`);
  }
}

async function main() {
  await Promise.all([increment('A', 10), increment('B', 20)]);
  console.log(`value: ${store.value}, version: ${store.version}`);
}

main();
