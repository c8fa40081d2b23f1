// Format module: the second level, evaluated first
import { setTimeout as sleep } from 'node:timers/promises';

let count = 0;
console.log('format.mjs: body runs first'); // queue: main

export function stamp(label) {
  count += 1;
  return `[${count}] ${label}`;
}

export async function formatLater(name) {
  await sleep(5); // await
  console.log('format.mjs: formatLater resumed after a timer'); // queue: microtask
  return stamp(name);
}
