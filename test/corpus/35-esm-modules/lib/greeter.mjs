// Greeter module: imported by main.mjs, imports format.mjs (second level)
import { stamp, formatLater } from './format.mjs';

console.log(`greeter.mjs: body runs second, ${stamp('greeter')}`); // queue: main

export function greet(name) {
  return `hello ${name}`;
}

export async function greetLater(name) {
  const formatted = await formatLater(name); // await
  console.log(`greeter.mjs: greetLater resumed with ${formatted}`); // queue: microtask
  return `hello ${formatted}`;
}
