// return v vs return-awaiting a promise vs return p: how many microtask turns each async function needs, shown against a ticker
async function returnsValue() {
  return 'return v';
}

async function returnsAwaited() {
  return await Promise.resolve('return await p'); // await
}

async function returnsPromise() {
  return Promise.resolve('return p');
}

let turn = 0;
function ticker(limit) {
  turn += 1;
  console.log(`ticker turn ${turn}`); // queue: microtask
  if (turn < limit) Promise.resolve().then(() => ticker(limit));
}

Promise.resolve().then(() => ticker(5));
returnsPromise().then((v) => {
  console.log(`settled: ${v}`); // queue: microtask
});
returnsAwaited().then((v) => {
  console.log(`settled: ${v}`); // queue: microtask
});
returnsValue().then((v) => {
  console.log(`settled: ${v}`); // queue: microtask
});
console.log('main: all three called'); // queue: main
