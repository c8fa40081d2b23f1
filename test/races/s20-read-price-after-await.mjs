// No race (fixed r09): checkout quotes the price before the await (and uses it only there), then reads catalog.price again after the await to charge.
// expect: none
import { setTimeout as sleep } from 'node:timers/promises';

const catalog = { price: 10 };

async function checkout(qty) {
  console.log(`quoting ${qty} x ${catalog.price}`);
  await sleep(20);
  const unitPrice = catalog.price;
  console.log(`charged ${qty} x ${unitPrice} = ${qty * unitPrice}`);
}

async function reprice(newPrice) {
  await sleep(10);
  catalog.price = newPrice;
  console.log(`price changed to ${newPrice}`);
}

await Promise.all([checkout(3), reprice(12)]);
console.log(`catalog price at the end: ${catalog.price}`);
