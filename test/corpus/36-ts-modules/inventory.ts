// Inventory module: imported by main.ts, imports money.ts
import { formatCents, convert } from './money.ts';

export interface Item {
  sku: string;
  cents: number;
  stock: number;
}

console.log(`inventory.ts: body runs, a sample price is ${formatCents(250)}`); // queue: main

export class Inventory {
  private items: Map<string, Item>;

  constructor(items: Item[]) {
    this.items = new Map(items.map((i): [string, Item] => [i.sku, { ...i }]));
  }

  find(sku: string): Item | undefined {
    return this.items.get(sku);
  }

  async reserve(sku: string, qty: number): Promise<number> {
    const item = this.items.get(sku);
    const rate: number = await convert(1); // await
    console.log(`inventory.ts: reserve(${sku}) resumed, rate ${rate}`); // queue: microtask
    if (!item || item.stock < qty) throw new Error(`not enough ${sku}`);
    item.stock -= qty;
    return item.cents * qty * rate;
  }
}
