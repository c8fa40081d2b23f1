// Two coroutines race on a shared counter: read, suspend, write back loses updates; a simple lock fixes it
let counter = 0;

function yieldToLoop() {
  return new Promise((resolve) => setImmediate(resolve));
}

async function unsafeIncrement(name, times) {
  for (let i = 0; i < times; i++) {
    const seen = counter;
    await yieldToLoop(); // await
    counter = seen + 1;
    console.log(`${name} wrote ${counter} (had read ${seen})`); // queue: microtask
  }
}

let lock = Promise.resolve();
function withLock(fn) {
  const run = lock.then(fn);
  lock = run.catch(() => {});
  return run;
}

async function safeIncrement(name, times) {
  for (let i = 0; i < times; i++) {
    await withLock(async () => { // await
      const seen = counter;
      await yieldToLoop(); // await
      counter = seen + 1;
    });
  }
  console.log(`${name} finished safely`); // queue: microtask
}

async function main() {
  await Promise.all([unsafeIncrement('A', 3), unsafeIncrement('B', 3)]); // await
  console.log(`unsafe final counter: ${counter} (6 increments were made)`); // queue: microtask
  counter = 0;
  await Promise.all([safeIncrement('A', 3), safeIncrement('B', 3)]); // await
  console.log(`locked final counter: ${counter}`); // queue: microtask
}

main();
