// Store module: required by main.js, requires clock.js (second level)
const clock = require('./clock.js');

console.log('store.js: body runs while main.js is still loading'); // queue: main

const items = new Map();

function put(key, value) {
  items.set(key, value);
  clock.advance();
}

function putLater(key, value, done) {
  setTimeout(() => {
    console.log(`store.js: timer puts ${key}`); // queue: timer
    put(key, value);
    done();
  }, 5);
}

async function load(key) {
  await clock.tickAsync(); // await
  console.log(`store.js: load(${key}) resumed at clock ${clock.now()}`); // queue: microtask
  return `${key}=${items.size}`;
}

module.exports = { put, putLater, load, size: () => items.size };
