// One async function with several awaits (value, resolved promise, timer promise, fs promise) interleaved with its caller
const fsp = require('node:fs/promises');
const { setTimeout: sleep } = require('node:timers/promises');

async function job(label) {
  console.log(`${label}: start, runs synchronously in the caller`); // queue: main
  const a = await 1; // await
  console.log(`${label}: resumed with ${a}`); // queue: microtask
  const b = await Promise.resolve(2); // await
  console.log(`${label}: resumed with ${b}`); // queue: microtask
  await sleep(10); // await
  console.log(`${label}: resumed after a 10 ms timer`); // queue: microtask
  const text = await fsp.readFile(__filename, 'utf8'); // await
  console.log(`${label}: read ${text.split('\n')[0].length > 0 ? 'a non-empty' : 'an empty'} first line`); // queue: microtask
  return a + b;
}

const p = job('job');
console.log('main: job returned a pending promise'); // queue: main
p.then((sum) => {
  console.log(`main: job fulfilled with ${sum}`); // queue: microtask
});
Promise.resolve().then(() => {
  console.log('main: an unrelated promise job'); // queue: microtask
});
