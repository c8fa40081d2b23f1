// A small ordering program the VS Code tests trace.
const fs = require('node:fs');

console.log('main: start');
setTimeout(() => console.log('timer'), 0);
Promise.resolve().then(() => console.log('promise'));

async function load() {
  const text = await fs.promises.readFile(__filename, 'utf8');
  console.log('read', text.length > 0);
}

load();
console.log('main: end');
