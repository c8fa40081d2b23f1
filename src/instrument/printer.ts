// Prints an ESTree (acorn) AST back to JavaScript with a source map: astring owns parentheses, semicolons and
// precedence; this file adds a mapping at the start of every node (so every stack frame finds its original line and
// column) and guards the two places where a statement or an arrow body must not begin with `{`, `function` or `class`.
// Lines are the original's: astring's own line breaks are spaces, and a node of the original starts on its own line
// (line breaks are written before it until the output reaches that line), so V8's line numbers, in call sites a
// program's own Error.prepareStackTrace reads, are the original ones. Every statement ends with `;`, so a line break
// never changes what the code means; one is only written where the original had one before that node.
import { GENERATOR, generate } from 'astring';
import { GenMapping, addMapping, setSourceContent, toEncodedMap, type EncodedSourceMap } from '@jridgewell/gen-mapping';

type Node = { type: string; loc?: { start: { line: number; column: number } } | null; [key: string]: unknown };
type State = { write(code: string, node?: Node): void; output: string; line: number; column: number };
type Print = (this: Record<string, Print>, node: Node, state: State) => void;

/** The node at the very start of an expression as printed (what a statement would begin with). */
function leftmost(n: Node): Node {
  for (;;) {
    switch (n.type) {
      case 'MemberExpression':
        n = n.object as Node;
        break;
      case 'CallExpression':
        n = n.callee as Node;
        break;
      case 'TaggedTemplateExpression':
        n = n.tag as Node;
        break;
      case 'BinaryExpression':
      case 'LogicalExpression':
      case 'AssignmentExpression':
        n = n.left as Node;
        break;
      case 'ConditionalExpression':
        n = n.test as Node;
        break;
      case 'SequenceExpression':
        n = (n.expressions as Node[])[0];
        break;
      case 'UpdateExpression':
        if (n.prefix) return n;
        n = n.argument as Node;
        break;
      case 'ChainExpression':
        n = n.expression as Node;
        break;
      default:
        return n;
    }
  }
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

/** Line breaks until the output is on the line where `node` starts in the original. */
function toOriginalLine(node: Node, state: State): void {
  const line = node.loc!.start.line;
  if (line > state.line) {
    state.output += '\n'.repeat(line - state.line);
    state.line = line;
    state.column = 0;
  }
}

const base = GENERATOR as unknown as Record<string, Print>;
const generator: Record<string, Print> = {};
for (const [type, print] of Object.entries(base)) {
  // Identifiers and literals map themselves; every other node gets a mapping at its start.
  if (type === 'Identifier' || type === 'Literal') {
    generator[type] = function (this: Record<string, Print>, node, state) {
      if (node.loc) toOriginalLine(node, state);
      print.call(this, node, state);
    };
  } else if (FUNCTION_LIKE.has(type)) {
    generator[type] = function (this: Record<string, Print>, node, state) {
      if (node.loc) {
        toOriginalLine(node, state);
        state.write('', node);
      }
      // a method's text starts after `static` (astring's MethodDefinition prints object methods too)
      const start = state.output.length + (node.static ? 'static '.length : 0);
      print.call(this, node, state);
      if (node.loc) ranges.push({ node, start, end: state.output.length });
    };
  } else {
    generator[type] = function (this: Record<string, Print>, node, state) {
      if (node.loc) {
        toOriginalLine(node, state);
        state.write('', node);
      }
      print.call(this, node, state);
    };
  }
}
generator.ExpressionStatement = function (node, state) {
  const e = node.expression as Node;
  if (node.loc) {
    toOriginalLine(node, state);
    state.write('', node);
  }
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
  if (node.loc) {
    toOriginalLine(node, state);
    state.write('', node);
  }
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

/** Print `ast`; the map points into `file`, whose text is `source` (kept in the map for stack-trace excerpts). */
export function print(ast: Node, file: string, source: string): Printed {
  const gen = new GenMapping({ file });
  setSourceContent(gen, file, source);
  const sourceMap = {
    file,
    addMapping(m: { generated: { line: number; column: number }; original: { line: number; column: number } }) {
      // no names: Node names a stack frame after a mapping's name when there is one, and the printed code keeps every
      // function's own name, so V8's names are already the ones untraced Node prints
      addMapping(gen, { generated: { line: m.generated.line, column: m.generated.column }, source: file, original: m.original });
    },
  };
  ranges = [];
  const code = generate(ast as never, { generator: generator as never, sourceMap: sourceMap as never, indent: '', lineEnd: ' ' });
  const printed = ranges;
  ranges = [];
  return { code, map: toEncodedMap(gen), ranges: printed };
}
