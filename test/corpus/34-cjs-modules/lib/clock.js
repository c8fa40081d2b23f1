// Clock module: the second level, required first by store.js and then from the cache by main.js
let ticks = 0;
console.log('clock.js: body runs once'); // queue: main

exports.now = () => ticks;
exports.advance = () => {
  ticks += 1;
};
exports.tickAsync = async () => {
  await null; // await
  ticks += 10;
};
