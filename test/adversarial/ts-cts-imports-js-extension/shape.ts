// a TypeScript module imported as './shape.js'
export interface Shape {
  kind: 'square' | 'circle';
  size: number;
}

export function area(s: Shape): number {
  return s.kind === 'square' ? s.size * s.size : Math.round(Math.PI * s.size * s.size);
}
