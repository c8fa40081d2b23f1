// No race: each order takes its number and pushes in the same step; the await comes after.
// expect: none
const { setTimeout: sleep } = require('node:timers/promises');

const orders = [];

async function placeOrder(item, ms) {
  const order = { n: orders.length + 1, item };
  orders.push(order);
  await sleep(ms);
  order.paid = true;
}

async function main() {
  await Promise.all([placeOrder('tea', 10), placeOrder('cake', 40)]);
  console.log(orders.map((o) => `#${o.n} ${o.item}${o.paid ? ' paid' : ''}`).join(', '));
}

main();
