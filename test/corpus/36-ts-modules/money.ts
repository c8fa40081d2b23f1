// Money module: the second level, evaluated first
type Cents = number;

export function formatCents(c: Cents): string {
  return `$${(c / 100).toFixed(2)}`;
}

console.log('money.ts: body runs first'); // queue: main

export async function convert(rate: number): Promise<number> {
  await new Promise<void>((resolve) => setTimeout(resolve, 2)); // await
  return rate;
}
