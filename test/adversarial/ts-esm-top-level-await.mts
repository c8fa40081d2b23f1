// rule: an .mts module with top-level await, import.meta and a generic async function
async function pick<T>(items: T[], i: number): Promise<T> {
  await null;
  return items[i];
}

const v = await pick(['a', 'b', 'c'], 1);
console.log(v, typeof import.meta.url, import.meta.url.endsWith('.mts'));
