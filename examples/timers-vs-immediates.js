// Inside an I/O callback, setImmediate always runs before setTimeout(0): the check phase comes before the next timers phase.
const fs = require('node:fs');

fs.readFile(__filename, () => {
  console.log('I/O callback');
  setTimeout(() => console.log('setTimeout 0'), 0);
  setImmediate(() => console.log('setImmediate'));
  process.nextTick(() => console.log('nextTick (before both)'));
});
