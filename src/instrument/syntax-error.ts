// The error the instrumenter throws for source it cannot read (JavaScript that does not parse, TypeScript esbuild
// rejects, a broken tsconfig.json), with where: its own module, so the tracer can make one without loading a parser.

export class InstrumentSyntaxError extends Error {
  constructor(message: string, readonly file: string, readonly line: number, readonly column: number) {
    super(message);
    this.name = 'SyntaxError';
  }
}
