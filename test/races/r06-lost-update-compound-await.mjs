// `total += await priceOf(item)` reads total BEFORE the await, so two concurrent adds each write their own price over the other's.
// expect: lost-update total
import { setTimeout as sleep } from 'node:timers/promises';

const prices = { apple: 3, pear: 4 };
let total = 0;

async function priceOf(item, ms) {
  await sleep(ms);
  return prices[item];
}

async function addToCart(item, ms) {
  total += // read write
    await priceOf(item, ms); // await
  console.log(`added ${item}, total now ${total}`);
}

await Promise.all([addToCart('apple', 10), addToCart('pear', 20)]);
console.log(`cart total: ${total} (3 + 4 = 7 expected)`);
