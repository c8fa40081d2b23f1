// rule: a .cts file importing './shape.js' where only shape.ts exists loads shape.ts (as tsc and the ESM path do)
import { area, type Shape } from './shape.js';

async function main(): Promise<void> {
  const s: Shape = { kind: 'square', size: 3 };
  await null;
  console.log('area', area(s));
}

main();
