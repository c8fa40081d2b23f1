// Errors thrown after a suspension propagate to the suspended caller; try/catch/finally across suspensions, timer rejections, AbortSignal
const { setTimeout: sleep } = require('node:timers/promises');

async function failsLater(msg) {
  await sleep(5); // await
  throw new Error(msg);
}

async function middle() {
  try {
    await failsLater('deep failure'); // await
  } finally {
    console.log('middle: finally runs before the caller catches'); // queue: microtask
  }
}

async function main() {
  try {
    await middle(); // await
  } catch (err) {
    console.log(`main caught: ${err.message}`); // queue: microtask
  }

  const wrapped = await failsLater('second').catch((err) => `converted: ${err.message}`); // await
  console.log(wrapped); // queue: microtask

  const ac = new AbortController();
  setTimeout(() => {
    console.log('timer: aborting'); // queue: timer
    ac.abort();
  }, 5);
  try {
    await sleep(1000, 'never', { signal: ac.signal }); // await
  } catch (err) {
    console.log(`aborted sleep rejected with ${err.name}`); // queue: microtask
  }

  try {
    await Promise.reject(new TypeError('rejected synchronously')); // await
  } catch (err) {
    console.log(`caught ${err.name}: ${err.message}`); // queue: microtask
  }
}

main().then(() => {
  console.log('no error escaped'); // queue: microtask
});
