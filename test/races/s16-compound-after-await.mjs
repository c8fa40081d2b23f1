// No race (fixed r06): the price is awaited first, then `total += price` reads and writes total in one synchronous step.
// expect: none
import { setTimeout as sleep } from 'node:timers/promises';

const prices = { apple: 3, pear: 4 };
let total = 0;

async function priceOf(item, ms) {
  await sleep(ms);
  return prices[item];
}

async function addToCart(item, ms) {
  const price = await priceOf(item, ms);
  total += price;
  console.log(`added ${item}, total now ${total}`);
}

await Promise.all([addToCart('apple', 10), addToCart('pear', 20)]);
console.log(`cart total: ${total}`);
