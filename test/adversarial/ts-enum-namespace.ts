// rule: TypeScript enums, namespaces and parameter properties, in a CommonJS .ts file with awaits
enum Color {
  Red,
  Green = 'green',
}
namespace Util {
  export const sep = '/';
}
class Point {
  constructor(public x: number, private readonly y: number) {}
  async sum(): Promise<number> {
    await null;
    return this.x + this.y;
  }
}

async function main(): Promise<void> {
  const p = new Point(1, 2);
  console.log(Color.Red, Color.Green, Color[0], Util.sep, await p.sum(), Object.keys(p).join(','));
}

main();
