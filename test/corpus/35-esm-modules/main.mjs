// ES module entry importing local modules two levels deep (main -> lib/greeter -> lib/format); bodies run in main
import { greet, greetLater } from './lib/greeter.mjs';
import { stamp } from './lib/format.mjs';

console.log(`main.mjs: body runs last, ${stamp('ready')}`); // queue: main
console.log(greet('sync caller')); // queue: main
const text = await greetLater('late caller'); // await
console.log(text); // queue: microtask
