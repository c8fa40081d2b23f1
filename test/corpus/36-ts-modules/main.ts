// TypeScript ES module entry importing TypeScript modules two levels deep (main.ts -> inventory.ts -> money.ts)
import { Inventory } from './inventory.ts';
import type { Item } from './inventory.ts';
import { formatCents } from './money.ts';

interface Order {
  sku: string;
  qty: number;
}

console.log('main.ts: body starts after both imported modules ran'); // queue: main

const inventory = new Inventory([
  { sku: 'pen', cents: 150, stock: 10 },
  { sku: 'ink', cents: 999, stock: 1 },
]);

type Outcome = { order: Order; total?: number; error?: string };

const orders: Order[] = [
  { sku: 'pen', qty: 3 },
  { sku: 'ink', qty: 2 },
];

const outcomes: Outcome[] = [];
for (const order of orders) {
  try {
    const total: number = await inventory.reserve(order.sku, order.qty); // await
    outcomes.push({ order, total });
  } catch (err) {
    outcomes.push({ order, error: (err as Error).message });
  }
}

const lines = outcomes.map((o: Outcome) => `${o.order.sku} x${o.order.qty}: ${o.error ?? formatCents(o.total!)}`);
console.log(lines.join('; ')); // queue: microtask
const pen: Item | undefined = inventory.find('pen');
console.log(`pens left: ${pen?.stock}`); // queue: microtask
