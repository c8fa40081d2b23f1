// Stale read printed: checkout reads catalog.price, awaits payment authorization, and charges the old price after a repricing changed it.
// expect: stale-read catalog.price
const { setTimeout: sleep } = require('node:timers/promises');

const catalog = { price: 10 };

async function checkout(qty) {
  const unitPrice = catalog.price; // read
  await sleep(150); // await (long after the repricing: the race shows on a loaded machine too)
  console.log(`charged ${qty} x ${unitPrice} = ${qty * unitPrice}`); // use
}

async function reprice(newPrice) {
  await sleep(10);
  catalog.price = newPrice;
  console.log(`price changed to ${newPrice}`);
}

async function main() {
  await Promise.all([checkout(3), reprice(12)]);
  console.log(`catalog price at the end: ${catalog.price}`);
}

main();
