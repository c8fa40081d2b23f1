// Promise chains with then/catch/finally: two chains interleave one reaction per turn; errors skip thens; finally passes values through
const chainA = Promise.resolve(1)
  .then((v) => {
    console.log(`A1 got ${v}`); // queue: microtask
    return v + 1;
  })
  .then((v) => {
    console.log(`A2 got ${v}`); // queue: microtask
    throw new Error('A failed at step 3');
  })
  .then(() => {
    throw new Error('skipped because the previous step threw');
  })
  .catch((err) => {
    console.log(`A catch: ${err.message}`); // queue: microtask
    return 'recovered';
  })
  .finally(() => {
    console.log('A finally (sees no value)'); // queue: microtask
  });

const chainB = new Promise((resolve) => {
  console.log('B executor runs synchronously'); // queue: main
  resolve('b');
})
  .then((v) => {
    console.log(`B1 got ${v}`); // queue: microtask
    return new Promise((resolve) => setTimeout(() => resolve(`${v}+timer`), 5));
  })
  .then((v) => {
    console.log(`B2 got ${v}`); // queue: microtask
    return v;
  })
  .finally(() => {
    throw new Error('B finally throws and replaces the value');
  })
  .catch((err) => {
    console.log(`B catch: ${err.message}`); // queue: microtask
    return 'b-done';
  });

Promise.all([chainA, chainB]).then(([a, b]) => {
  console.log(`both chains: ${a}, ${b}`); // queue: microtask
});

const rejected = new Promise(() => {
  throw new Error('executor threw');
});
rejected.catch((err) => {
  console.log(`C catch: ${err.message}`); // queue: microtask
});

console.log('main: chains built'); // queue: main
