// TypeScript compiled as CommonJS (no import/export): interfaces, type aliases, an enum, generics, classes and suspensions
const { setTimeout: sleep } = require('node:timers/promises');

enum Priority {
  Low = 1,
  Normal = 3,
  High = 5,
}

interface Task {
  id: number;
  title: string;
  priority: Priority;
  tags?: readonly string[];
}

console.log(`enum: High=${Priority.High}, name of 3=${Priority[3]}`); // queue: main

type Result<T> =
  | { ok: true; value: T }
  | { ok: false; error: string };

type Handler<T, R> = (item: T, index: number) => Promise<R>;

class WorkQueue<T extends { id: number }> {
  private readonly items: T[] = [];

  add(...items: T[]): this {
    this.items.push(...items);
    return this;
  }

  async drain<R>(handler: Handler<T, R>): Promise<Result<R[]>> {
    const out: R[] = [];
    let index = 0;
    for (const item of this.items) {
      const r: R = await handler(item, index++); // await
      out.push(r);
    }
    if (out.length === 0) return { ok: false, error: 'empty' };
    return { ok: true, value: out };
  }
}

function byPriority<T extends Task>(a: T, b: T): number {
  return b.priority - a.priority;
}

const tasks: Task[] = [
  { id: 1, title: 'write corpus', priority: Priority.Normal },
  { id: 2, title: 'fix tracer', priority: Priority.High, tags: ['urgent'] },
  { id: 3, title: 'tidy docs', priority: Priority.Low },
];

interface Summary {
  count: number;
  titles: string[];
}

async function main(): Promise<Summary> {
  const q = new WorkQueue<Task>().add(...tasks.sort(byPriority));
  const result = await q.drain<string>(async (t: Task, i: number): Promise<string> => { // await
    await sleep(2); // await
    console.log(`handled #${i}: ${t.title} (${Priority[t.priority]}${t.tags ? ', ' + t.tags.join('/') : ''})`); // queue: microtask
    return t.title.toUpperCase();
  });
  if (!result.ok) throw new Error(result.error);
  const summary: Summary = { count: result.value.length, titles: result.value };
  return summary;
}

console.log('main: draining the queue'); // queue: main
main().then((s: Summary) => {
  console.log(`summary: ${s.count} tasks, first ${s.titles[0]}`); // queue: microtask
});
