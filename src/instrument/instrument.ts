// Rewrites one JavaScript module so that it reports function entry/exit, awaits, yields and loop progress to the
// tracer's runtime global, without changing what the program does or when (no extra ticks, no wrapped values).
import * as acorn from 'acorn';
import MagicString from 'magic-string';
import type { RawSite } from '../core/raw-events';
import { instrumentSharedState } from './shared-state';

/** Name of the tracer's runtime object that instrumented code calls. Defined by the preload; never enumerable. */
export const RUNTIME_GLOBAL = '__ls';
const FRAME = '__ls$f';
const BASE = '__ls$b';

export type SourceType = 'module' | 'script';

export interface InstrumentOptions {
  sourceType: SourceType;
  /** also record reads and writes of shared state, for race detection across awaits */
  races?: boolean;
  /** Map a generated (0-based column) position back to the original file, e.g. through esbuild's source map. */
  originalPosition?: (line: number, column: number) => { line: number; column: number } | null;
}

export interface InstrumentResult {
  code: string;
  map: ReturnType<MagicString['generateMap']>;
  sites: RawSite[];
}

export class InstrumentSyntaxError extends Error {
  constructor(message: string, readonly file: string, readonly line: number, readonly column: number) {
    super(message);
    this.name = 'SyntaxError';
  }
}

type AnyNode = acorn.Node & Record<string, unknown>;

export function parse(source: string, file: string, sourceType: SourceType): acorn.Program {
  try {
    return acorn.parse(source, {
      ecmaVersion: 'latest',
      sourceType,
      locations: true,
      allowHashBang: true,
      allowReturnOutsideFunction: sourceType === 'script',
      allowAwaitOutsideFunction: sourceType === 'module',
      preserveParens: true,
    });
  } catch (err) {
    const e = err as Error & { loc?: { line: number; column: number } };
    const message = e.message.replace(/ \(\d+:\d+\)$/, '');
    throw new InstrumentSyntaxError(message, file, e.loc?.line ?? 1, (e.loc?.column ?? 0) + 1);
  }
}

/** True when the source only parses as an ES module (import/export/top-level await). */
export function looksLikeModule(source: string): boolean {
  try {
    acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true, allowReturnOutsideFunction: true });
    return false;
  } catch {
    try {
      acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
      return true;
    } catch {
      return false;
    }
  }
}

const isNode = (v: unknown): v is AnyNode => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';

function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'range') continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (isNode(c)) out.push(c);
    } else if (isNode(v)) out.push(v);
  }
  return out;
}

function keyName(key: AnyNode | undefined, computed: boolean): string {
  if (!key) return '<anonymous>';
  if (!computed && key.type === 'Identifier') return key.name as string;
  if (key.type === 'PrivateIdentifier') return `#${key.name as string}`;
  if (key.type === 'Literal') return String(key.value);
  return '[computed]';
}

function calleeName(callee: AnyNode): string | null {
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression' && !callee.computed) return keyName(callee.property as AnyNode, false);
  return null;
}

/** A readable name for a function from where it stands: `Class.method`, `const f = ...`, `setTimeout callback`. */
function functionName(fn: AnyNode, parents: AnyNode[]): string {
  const id = fn.id as AnyNode | null | undefined;
  const parent = parents[parents.length - 1];
  if (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') {
    const cls = parents[parents.length - 3];
    const className = cls && (cls.id as AnyNode | null)?.name;
    const base = keyName(parent.key as AnyNode, parent.computed as boolean);
    const kind = parent.kind === 'get' || parent.kind === 'set' ? `${parent.kind as string} ` : '';
    const prefix = className ? `${className as string}.` : '';
    return `${kind}${prefix}${base}`;
  }
  if (id && typeof id.name === 'string') return id.name;
  if (parent?.type === 'Property') {
    const kind = parent.kind === 'get' || parent.kind === 'set' ? `${parent.kind as string} ` : '';
    return kind + keyName(parent.key as AnyNode, parent.computed as boolean);
  }
  if (parent?.type === 'VariableDeclarator' && (parent.id as AnyNode).type === 'Identifier') return (parent.id as AnyNode).name as string;
  if (parent?.type === 'AssignmentExpression') {
    const left = parent.left as AnyNode;
    if (left.type === 'Identifier') return left.name as string;
    if (left.type === 'MemberExpression') return keyName(left.property as AnyNode, left.computed as boolean);
  }
  if (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') {
    const name = calleeName(parent.callee as AnyNode);
    if (name) return `${name} callback`;
  }
  return '<anonymous>';
}

function isFunction(node: AnyNode): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

const LOOPS = new Set(['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement']);

export function instrumentJavaScript(source: string, file: string, options: InstrumentOptions): InstrumentResult {
  const ast = parse(source, file, options.sourceType) as unknown as AnyNode;
  const s = new MagicString(source);
  const sites: RawSite[] = [];

  const site = (node: AnyNode, kind: RawSite['kind'], extra: Partial<RawSite> = {}): number => {
    const loc = (node.loc as acorn.SourceLocation).start;
    const mapped = options.originalPosition ? options.originalPosition(loc.line, loc.column) : null;
    const pos = mapped ?? { line: loc.line, column: loc.column };
    sites.push({ kind, line: pos.line, column: pos.column + 1, ...extra });
    return sites.length - 1;
  };
  const siteRef = (id: number) => `${BASE}+${id}`;

  // Site 0 is the module body itself.
  const moduleSite = site(ast, 'module', { name: '<module>', async: options.sourceType === 'module' });
  // Shared-state edits go first, so the function and await edits at the same offsets wrap around them.
  if (options.races) {
    instrumentSharedState(ast as never, { source, s, runtime: RUNTIME_GLOBAL, frame: FRAME, site: (node, kind, extra) => siteRef(site(node as never, kind, extra)) });
  }

  /** Position after the directive prologue ('use strict' and friends) of a statement list. */
  const afterDirectives = (body: AnyNode[], fallback: number): number => {
    let pos = fallback;
    for (const stmt of body) {
      if (stmt.type === 'ExpressionStatement' && typeof stmt.directive === 'string') pos = stmt.end;
      else break;
    }
    return pos;
  };

  const awaitSiteOf = new Map<AnyNode, number>();
  /** the await a statement consists of (`await f()`, `x = await f()`, `const x = await f()`), if any */
  const statementAwait = (stmt: AnyNode): AnyNode | null => {
    if (stmt.type === 'ExpressionStatement') {
      const e = stmt.expression as AnyNode;
      if (e.type === 'AwaitExpression') return e;
      if (e.type === 'AssignmentExpression' && (e.right as AnyNode).type === 'AwaitExpression') return e.right as AnyNode;
    }
    if (stmt.type === 'VariableDeclaration' && (stmt.declarations as AnyNode[]).length === 1) {
      const init = (stmt.declarations as AnyNode[])[0].init as AnyNode | null;
      if (init?.type === 'AwaitExpression') return init;
    }
    return null;
  };
  const namesBoundBy = (stmt: AnyNode): Set<string> => {
    const names = new Set<string>();
    const add = (p: AnyNode | null | undefined): void => {
      if (!p) return;
      if (p.type === 'Identifier') names.add(p.name as string);
      else for (const c of children(p)) add(c);
    };
    if (stmt.type === 'VariableDeclaration') for (const d of stmt.declarations as AnyNode[]) add(d.id as AnyNode);
    if (stmt.type === 'ExpressionStatement' && (stmt.expression as AnyNode).type === 'AssignmentExpression') add((stmt.expression as AnyNode).left as AnyNode);
    return names;
  };
  const mentions = (n: AnyNode, names: Set<string>): boolean =>
    (n.type === 'Identifier' && names.has(n.name as string)) || children(n).some((c) => mentions(c, names));

  const visit = (node: AnyNode, parents: AnyNode[]): void => {
    parents.push(node);
    for (const child of children(node)) visit(child, parents);
    parents.pop();

    // Two await statements in a row where the second does not use what the first produced: they could run together.
    if (node.type === 'BlockStatement' || node.type === 'Program') {
      const body = node.body as AnyNode[];
      for (let i = 1; i < body.length; i++) {
        const first = statementAwait(body[i - 1]);
        const second = statementAwait(body[i]);
        if (!first || !second || mentions(second.argument as AnyNode, namesBoundBy(body[i - 1]))) continue;
        const a = awaitSiteOf.get(first);
        const b = awaitSiteOf.get(second);
        if (a !== undefined && b !== undefined && b > a) sites[b].seqPrevOffset = b - a;
      }
    }

    // Post-order: inner edits are applied first, so at a shared offset the outer opening text lands before
    // (prependRight) and the outer closing text after (appendLeft) the inner one.
    if (isFunction(node)) {
      const body = node.body as AnyNode;
      const id = site(node, 'function', {
        name: functionName(node, parents),
        async: node.async as boolean,
        generator: node.generator as boolean,
      });
      const enter = `const ${FRAME}=${RUNTIME_GLOBAL}.e(${siteRef(id)});try{`;
      const exit = `}finally{${RUNTIME_GLOBAL}.x(${FRAME})}`;
      if (body.type === 'BlockStatement') {
        const at = afterDirectives(body.body as AnyNode[], body.start + 1);
        s.appendLeft(at, enter);
        s.appendLeft(body.end - 1, exit);
      } else {
        s.prependRight(body.start, `{${enter}return `);
        s.appendLeft(body.end, `${exit}}`);
      }
    } else if (node.type === 'AwaitExpression') {
      const arg = node.argument as AnyNode;
      const id = site(node, 'await');
      awaitSiteOf.set(node, id);
      s.prependRight(arg.start, `${RUNTIME_GLOBAL}.a(${FRAME},${siteRef(id)},`);
      s.appendLeft(arg.end, ')');
    } else if (node.type === 'YieldExpression' && !node.delegate) {
      const id = site(node, 'yield');
      const arg = node.argument as AnyNode | null;
      s.prependRight(node.start, `${RUNTIME_GLOBAL}.yr(${FRAME},`);
      if (arg) {
        s.prependRight(arg.start, `${RUNTIME_GLOBAL}.y(${FRAME},${siteRef(id)},`);
        s.appendLeft(arg.end, ')');
      } else {
        s.appendLeft(node.start + 'yield'.length, ` ${RUNTIME_GLOBAL}.y(${FRAME},${siteRef(id)})`);
      }
      s.appendLeft(node.end, ')');
    } else if (LOOPS.has(node.type)) {
      const body = node.body as AnyNode;
      const forAwait = node.type === 'ForOfStatement' && node.await === true;
      let head = `${RUNTIME_GLOBAL}.g();`;
      let tail = '';
      if (forAwait) {
        const id = site(node, 'for-await');
        const right = node.right as AnyNode;
        s.prependRight(right.start, `${RUNTIME_GLOBAL}.fa(${FRAME},${siteRef(id)},`);
        s.appendLeft(right.end, ')');
        head += `${RUNTIME_GLOBAL}.fr(${FRAME});try{`;
        tail = `}finally{${RUNTIME_GLOBAL}.fa(${FRAME},${siteRef(id)})}`;
      }
      if (body.type === 'BlockStatement') {
        s.appendLeft(body.start + 1, head);
        s.appendLeft(body.end - 1, tail);
      } else {
        s.prependRight(body.start, `{${head}`);
        s.appendLeft(body.end, `${tail}}`);
      }
    }
  };
  visit(ast, []);

  // Module prologue: register the sites, then open the module's own frame (top-level await suspends it).
  const hashbang = source.startsWith('#!') ? source.indexOf('\n') + 1 || source.length : 0;
  const prologueAt = Math.max(hashbang, afterDirectives(ast.body as AnyNode[], hashbang));
  const prologue =
    `var ${BASE}=${RUNTIME_GLOBAL}.r(${JSON.stringify(file)},${JSON.stringify(JSON.stringify(sites))});` +
    `const ${FRAME}=${RUNTIME_GLOBAL}.e(${siteRef(moduleSite)});`;
  s.prependLeft(prologueAt, prologue);
  s.append(`\n;${RUNTIME_GLOBAL}.x(${FRAME});`);

  return {
    code: s.toString(),
    map: s.generateMap({ hires: true, source: file, file, includeContent: true }),
    sites,
  };
}
