// Prints an ESTree (acorn) AST back to JavaScript with a source map: astring owns parentheses, semicolons and
// precedence; this file adds a mapping at the start of every node (so every stack frame finds its original line and
// column) and guards the two places where a statement or an arrow body must not begin with `{`, `function` or `class`.
// Lines are the original's: astring's own line breaks are spaces, and a node of the original starts on its own line
// (line breaks are written before it until the output reaches that line), so V8's line numbers, in call sites a
// program's own Error.prepareStackTrace reads, are the original ones. Every statement ends with `;`, so a line break
// never changes what the code means; one is only written where the original had one before that node.
import { GENERATOR, generate } from 'astring';
import { GenMapping, addSegment, setSourceContent, toEncodedMap, type EncodedSourceMap } from '@jridgewell/gen-mapping';

/** A node of the original has its offsets (`start` >= 0); one the instrumenter made has `start` -1 and maps to nothing. */
type Node = { type: string; start: number; [key: string]: unknown };
type State = { write(code: string, node?: Node): void; output: string; line: number; column: number };
type Print = (this: Record<string, Print>, node: Node, state: State) => void;

/** The node an expression's printed text begins with, when that is not the expression's own first token. */
function leftChild(n: Node): Node | null {
  switch (n.type) {
    case 'MemberExpression':
      return n.object as Node;
    case 'CallExpression':
      return n.callee as Node;
    case 'TaggedTemplateExpression':
      return n.tag as Node;
    case 'BinaryExpression':
    case 'LogicalExpression':
    case 'AssignmentExpression':
      return n.left as Node;
    case 'ConditionalExpression':
      return n.test as Node;
    case 'SequenceExpression':
      return (n.expressions as Node[])[0];
    case 'UpdateExpression':
      return n.prefix ? null : (n.argument as Node);
    case 'ChainExpression':
      return n.expression as Node;
    default:
      return null;
  }
}

/** The node at the very start of an expression as printed (what a statement would begin with). */
function leftmost(n: Node): Node {
  for (let next = leftChild(n); next; next = leftChild(n)) n = next;
  return n;
}

const AMBIGUOUS_START = new Set(['ObjectExpression', 'ObjectPattern', 'FunctionExpression', 'ClassExpression']);
/** Would this expression, printed at the start of a statement, be read as something else? */
function needsStatementParens(e: Node): boolean {
  const first = leftmost(e);
  if (AMBIGUOUS_START.has(first.type)) return true;
  // `let [a] = ...` is a declaration; `let` as a name at a statement's start followed by `[` must be wrapped
  return first.type === 'Identifier' && first.name === 'let';
}

/** Where each function, class and method of the original was printed (what V8's toString of it returns). */
export interface PrintedRange {
  node: Node;
  start: number;
  end: number;
}
const FUNCTION_LIKE = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassDeclaration', 'ClassExpression', 'MethodDefinition']);
let ranges: PrintedRange[] = [];

const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/g;
/** Where each line of a text starts (acorn's line breaks: \n, \r\n, \r, U+2028, U+2029). */
function lineStarts(text: string): number[] {
  const starts = [0];
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) starts.push(LINE_BREAK.lastIndex);
  return starts;
}

/** Line (1-based) and column (0-based, UTF-16 units) of offsets in one text, as acorn's `locations` would give them. */
export class Positions {
  private readonly starts: number[];
  private last = 0;
  constructor(text: string) {
    this.starts = lineStarts(text);
  }
  /** the index of the line holding `offset` (lookups go mostly forward: the last line found is tried first) */
  lineIndex(offset: number): number {
    const starts = this.starts;
    let k = this.last;
    if (starts[k] <= offset && (k + 1 === starts.length || offset < starts[k + 1])) return k;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.last = k = lo;
    return k;
  }
  line(offset: number): number {
    return this.lineIndex(offset) + 1;
  }
  at(offset: number): { line: number; column: number } {
    const k = this.lineIndex(offset);
    return { line: k + 1, column: offset - this.starts[k] };
  }
  /** the offset where the line of index `k` starts */
  lineStart(k: number): number {
    return this.starts[k];
  }
}

let positions: Positions;
let gen: GenMapping;
let mapFile: string;
/** the last mapping added: nodes that start together (`a.b.c()`) are printed together, and one mapping says it */
let lastLine = 0;
let lastColumn = -1;
let lastOffset = -1;

/** Line breaks until the output is on the line where `node` starts in the original, then a mapping to it. */
function mapStart(node: Node, state: State): void {
  const offset = node.start;
  const k = positions.lineIndex(offset);
  if (k + 1 > state.line) {
    // and at its column: V8 gives some positions unmapped (where an eval'd or `new Function` code came from, the
    // call sites a program's Error.prepareStackTrace reads), and a line's start is where the output can keep them
    const column = offset - positions.lineStart(k);
    state.output += '\n'.repeat(k + 1 - state.line) + ' '.repeat(column);
    state.line = k + 1;
    state.column = column;
  }
  if (offset === lastOffset && state.column === lastColumn && state.line === lastLine) return;
  lastLine = state.line;
  lastColumn = state.column;
  lastOffset = offset;
  addSegment(gen, state.line - 1, state.column, mapFile, k, offset - positions.lineStart(k));
}

const base = GENERATOR as unknown as Record<string, Print>;
const generator: Record<string, Print> = {};
for (const [type, print] of Object.entries(base)) {
  // every node of the original gets a mapping at its start
  if (FUNCTION_LIKE.has(type)) {
    generator[type] = function (this: Record<string, Print>, node, state) {
      const original = node.start >= 0;
      if (original) mapStart(node, state);
      // a method's text starts after `static` (astring's MethodDefinition prints object methods too)
      const start = state.output.length + (node.static ? 'static '.length : 0);
      print.call(this, node, state);
      if (original) ranges.push({ node, start, end: state.output.length });
    };
  } else {
    generator[type] = function (this: Record<string, Print>, node, state) {
      if (node.start >= 0) mapStart(node, state);
      print.call(this, node, state);
    };
  }
}
generator.ExpressionStatement = function (node, state) {
  const e = node.expression as Node;
  if (node.start >= 0) mapStart(node, state);
  if (typeof node.directive === 'string') {
    this.Literal(e, state);
  } else if (needsStatementParens(e)) {
    state.write('(');
    this[e.type](e, state);
    state.write(')');
  } else {
    this[e.type](e, state);
  }
  state.write(';');
};
generator.ImportExpression = function (node, state) {
  // `import(specifier, { with: { type: 'json' } })`: astring prints only the specifier
  if (node.start >= 0) mapStart(node, state);
  state.write('import(');
  const source = node.source as Node;
  this[source.type](source, state);
  const options = node.options as Node | null | undefined;
  if (options) {
    state.write(', ');
    this[options.type](options, state);
  }
  state.write(')');
};
// `(a?.b).c` and `(a?.m)()` end the optional chain at the parenthesis (null gives a TypeError, not undefined);
// astring prints the chain bare, which would extend it
for (const [type, key] of [['MemberExpression', 'object'], ['CallExpression', 'callee'], ['NewExpression', 'callee'], ['TaggedTemplateExpression', 'tag']] as const) {
  const printPlain = generator[type];
  generator[type] = function (node, state) {
    const inner = node[key] as Node | undefined;
    printPlain.call(this, inner?.type === 'ChainExpression' ? { ...node, [key]: { type: 'ParenthesizedExpression', expression: inner } } : node, state);
  };
}
// `return`, `throw` and `yield` take no line break before their argument. An argument the original wrapped in
// parentheses can start on a later line (`return (\n  a\n)`): printed on its own line it needs those parentheses back.
for (const type of ['ReturnStatement', 'ThrowStatement', 'YieldExpression']) {
  const printPlain = generator[type];
  generator[type] = function (node, state) {
    const argument = node.argument as Node | null | undefined;
    // the line the keyword is printed on
    const line = node.start >= 0 ? Math.max(state.line, positions.line(node.start)) : state.line;
    let startsLater = false;
    for (let n: Node | null | undefined = argument; n && !startsLater; n = leftChild(n)) startsLater = n.start >= 0 && positions.line(n.start) > line;
    printPlain.call(this, startsLater ? { ...node, argument: { type: 'ParenthesizedExpression', start: -1, expression: argument } } : node, state);
  };
}
generator.ParenthesizedExpression = function (node, state) {
  const e = node.expression as Node;
  state.write('(');
  this[e.type](e, state);
  state.write(')');
};
const arrow = generator.ArrowFunctionExpression;
generator.ArrowFunctionExpression = function (node, state) {
  const body = node.body as Node;
  if (body.type !== 'BlockStatement' && body.type !== 'ObjectExpression' && needsStatementParens(body)) {
    // astring wraps a bare object body; an object at the left of a longer body (`() => ({}).x`) needs it too
    arrow.call(this, { ...node, body: { type: 'SequenceExpression', expressions: [body] } }, state);
  } else {
    arrow.call(this, node, state);
  }
};

export interface Printed {
  code: string;
  map: EncodedSourceMap;
  /** functions, classes and methods of the original, where they were printed */
  ranges: PrintedRange[];
}

/**
 * Print `ast`; the map points into `file`, whose text is `source` (kept in the map for stack-trace excerpts).
 * `at` gives the original positions of the nodes' offsets (acorn parses without `locations`: cheaper).
 */
export function print(ast: Node, file: string, source: string, at: Positions = new Positions(source)): Printed {
  gen = new GenMapping({ file });
  setSourceContent(gen, file, source);
  positions = at;
  // no names: Node names a stack frame after a mapping's name when there is one, and the printed code keeps every
  // function's own name, so V8's names are already the ones untraced Node prints
  mapFile = file;
  lastColumn = lastOffset = -1;
  ranges = [];
  // astring keeps count of the output's lines and columns only when it has a source map to feed (nodes carry no
  // `loc`, so it never adds a mapping itself)
  const counting = { file, addMapping: () => undefined };
  const code = generate(ast as never, { generator: generator as never, sourceMap: counting as never, indent: '', lineEnd: ' ' });
  const printed = ranges;
  ranges = [];
  const map = toEncodedMap(gen);
  gen = undefined as unknown as GenMapping; // (not kept alive until the next file)
  return { code, map, ranges: printed };
}
