// 'use strict' functions inside a sloppy script: this binding differs; strict async functions and arrow callbacks
function sloppyKind() {
  return typeof this;
}

function strictKind() {
  'use strict';
  return typeof this;
}

async function strictWorker(items) {
  'use strict';
  const out = [];
  for (const item of items) {
    const v = await new Promise((resolve) => setImmediate(() => resolve(item * item))); // await
    out.push(v);
  }
  try {
    undeclaredStrictVariable = 1; // eslint-disable-line no-undef
  } catch (err) {
    console.log(`strict assignment failed: ${err.constructor.name}`); // queue: microtask
  }
  return out;
}

console.log(`sloppy this: ${sloppyKind()}, strict this: ${strictKind()}`); // queue: main
strictWorker([1, 2, 3]).then((squares) => {
  console.log(`squares: ${squares.join(',')}`); // queue: microtask
});
