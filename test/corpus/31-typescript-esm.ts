// TypeScript compiled as an ES module (has imports and TLA): generics, interfaces, abstract classes, type-only lines between statements
import { setTimeout as sleep } from 'node:timers/promises';
import { EventEmitter } from 'node:events';

interface Shape {
  readonly kind: string;
  area(): number;
}

console.log('module start'); // queue: main

abstract class Base implements Shape {
  abstract readonly kind: string;
  abstract area(): number;
  describe(): string {
    return `${this.kind} with area ${this.area().toFixed(1)}`;
  }
}

class Rect extends Base {
  readonly kind = 'rect';
  private readonly w: number;
  private readonly h: number;
  constructor(w: number, h: number) {
    super();
    this.w = w;
    this.h = h;
  }
  area(): number {
    return this.w * this.h;
  }
}

type Loader<T> = () => Promise<T>;

interface Cache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
}

async function memo<K, V>(cache: Cache<K, V>, key: K, load: Loader<V>): Promise<V> {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = await load(); // await
  cache.set(key, value);
  return value;
}

const cache: Cache<string, Shape> = new Map<string, Shape>();
let loads = 0;
const loader: Loader<Shape> = async () => {
  loads += 1;
  await sleep(3); // await
  return new Rect(2, 3.5);
};

const first = await memo(cache, 'r', loader); // await
console.log(`first: ${(first as Base).describe()}`); // queue: microtask
const second = await memo(cache, 'r', loader); // await
console.log(`second is the same object: ${first === second}, loads: ${loads}`); // queue: microtask

const bus = new EventEmitter();
bus.on('shape', (s: Shape) => {
  console.log(`event listener: ${s.kind}`); // queue: microtask
});
bus.emit('shape', second satisfies Shape);
