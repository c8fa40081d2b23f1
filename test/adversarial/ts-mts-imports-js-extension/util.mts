// imported as './util.mjs'
export const twice = (n: number): number => n * 2;
