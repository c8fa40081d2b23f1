// Lost update through an array changed in place: each order numbers itself from orders.length, awaits payment, then pushes; two orders get the same number.
// expect: lost-update orders
const { setTimeout: sleep } = require('node:timers/promises');

const orders = [];

async function placeOrder(item, ms) {
  const n = orders.length + 1; // read
  await sleep(ms); // await
  orders.push({ n, item }); // write
}

async function main() {
  await Promise.all([placeOrder('tea', 10), placeOrder('cake', 40)]);
  console.log(orders.map((o) => `#${o.n} ${o.item}`).join(', '));
}

main();
