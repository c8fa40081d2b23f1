// Awaiting plain values and thenables (sync and timer-resolved); a thenable's then() runs as a microtask
const syncThenable = {
  then(resolve) {
    console.log('syncThenable.then called'); // queue: microtask
    resolve('from syncThenable');
  },
};

const slowThenable = {
  then(resolve) {
    console.log('slowThenable.then called'); // queue: microtask
    setTimeout(() => {
      console.log('slowThenable resolving from a timer'); // queue: timer
      resolve('from slowThenable');
    }, 10);
  },
};

async function demo() {
  const n = await 42; // await
  console.log(`awaited a number: ${n}`); // queue: microtask
  const o = await { then: 'not a function' }; // await
  console.log(`awaited an object whose then is not callable: ${typeof o.then}`); // queue: microtask
  const a = await syncThenable; // await
  console.log(`awaited ${a}`); // queue: microtask
  const b = await slowThenable; // await
  console.log(`awaited ${b}`); // queue: microtask
}

console.log('main: before demo'); // queue: main
const done = demo();
console.log('main: demo suspended at its first suspension point'); // queue: main
await done; // await
console.log('main: demo finished'); // queue: microtask
