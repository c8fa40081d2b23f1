export const hypot = (a, b) => Math.sqrt(a * a + b * b)
