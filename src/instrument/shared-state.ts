// Records reads and writes of state that can outlive one coroutine step, for race detection across awaits: outer
// mutable variables and simple member paths (this.x, a.b, a[k]), plus Map/Set membership. Only code inside async
// functions (and functions nested in them) is touched, and only places that can race: variables written somewhere,
// properties whose name is written somewhere in the file. Every rewrite keeps JavaScript's evaluation order (a
// compound assignment reads before its right-hand side runs and writes after it, awaits included).
import type MagicString from 'magic-string';
import type { RawSite } from '../core/raw-events';

type AnyNode = { type: string; start: number; end: number; [key: string]: unknown };

export interface SharedStateContext {
  source: string;
  s: MagicString;
  runtime: string;
  frame: string;
  /** adds a site for a node and returns a reference to it usable in code */
  site(node: AnyNode, kind: RawSite['kind'], extra: Partial<RawSite>): string;
}

const isNode = (v: unknown): v is AnyNode => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
const isFunction = (n: AnyNode) => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
const COLLECTION_READS = new Set(['has', 'get']);
const COLLECTION_WRITES = new Set(['set', 'add', 'delete']);
const ARITHMETIC = new Set(['+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=']);
const LOGICAL = new Set(['&&=', '||=', '??=']);

function patternNames(p: AnyNode | null | undefined, out: Set<string>): void {
  if (!p) return;
  switch (p.type) {
    case 'Identifier':
      out.add(p.name as string);
      break;
    case 'ObjectPattern':
      for (const prop of p.properties as AnyNode[]) patternNames(prop.type === 'RestElement' ? (prop.argument as AnyNode) : (prop.value as AnyNode), out);
      break;
    case 'ArrayPattern':
      for (const el of p.elements as (AnyNode | null)[]) patternNames(el, out);
      break;
    case 'RestElement':
      patternNames(p.argument as AnyNode, out);
      break;
    case 'AssignmentPattern':
      patternNames(p.left as AnyNode, out);
      break;
  }
}

/** Names a function declares for itself: parameters, var/let/const/function/class in its body (not in nested functions). */
function declaredIn(fn: AnyNode): Set<string> {
  const out = new Set<string>();
  for (const p of fn.params as AnyNode[]) patternNames(p, out);
  if (fn.type === 'FunctionExpression' && fn.id) out.add((fn.id as AnyNode).name as string);
  const walk = (n: AnyNode) => {
    if (n !== fn && isFunction(n)) {
      if (n.type === 'FunctionDeclaration' && n.id) out.add((n.id as AnyNode).name as string);
      return;
    }
    if (n.type === 'VariableDeclarator') patternNames(n.id as AnyNode, out);
    if (n.type === 'ClassDeclaration' && n.id) out.add((n.id as AnyNode).name as string);
    if (n.type === 'CatchClause' && n.param) patternNames(n.param as AnyNode, out);
    for (const key of Object.keys(n)) {
      if (key === 'loc') continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach((c) => isNode(c) && walk(c));
      else if (isNode(v)) walk(v);
    }
  };
  walk(fn.body as AnyNode);
  return out;
}

/** What the whole file writes: variable names declared with let/var, names assigned, property names assigned. */
function fileFacts(ast: AnyNode) {
  const mutableVars = new Set<string>();
  const writtenVars = new Set<string>();
  const writtenProps = new Set<string>();
  const walk = (n: AnyNode) => {
    if (n.type === 'VariableDeclaration' && n.kind !== 'const') for (const d of n.declarations as AnyNode[]) patternNames(d.id as AnyNode, mutableVars);
    const target = n.type === 'AssignmentExpression' ? (n.left as AnyNode) : n.type === 'UpdateExpression' ? (n.argument as AnyNode) : null;
    if (target?.type === 'Identifier') writtenVars.add(target.name as string);
    if (target?.type === 'MemberExpression' && !target.computed) writtenProps.add(((target.property as AnyNode).name as string) ?? '');
    if (target?.type === 'MemberExpression' && target.computed) writtenProps.add('[]');
    for (const key of Object.keys(n)) {
      if (key === 'loc') continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach((c) => isNode(c) && walk(c));
      else if (isNode(v)) walk(v);
    }
  };
  walk(ast);
  return { racyVars: new Set([...writtenVars].filter((v) => mutableVars.has(v))), writtenProps };
}

/** A base or key that is safe to evaluate twice: this, identifiers, literals, and non-computed chains of them. */
function simple(n: AnyNode): boolean {
  if (n.type === 'ThisExpression' || n.type === 'Identifier' || n.type === 'Literal') return true;
  if (n.type === 'MemberExpression' && !n.optional) return simple(n.object as AnyNode) && (!n.computed || simple(n.property as AnyNode));
  return false;
}

export function instrumentSharedState(ast: AnyNode, ctx: SharedStateContext): void {
  const { source, s, runtime: R, frame: F } = ctx;
  const { racyVars, writtenProps } = fileFacts(ast);
  const text = (n: AnyNode) => source.slice(n.start, n.end);
  /** the location as a person writes it: computed keys become [] */
  const locationName = (n: AnyNode): string => {
    if (n.type === 'MemberExpression') return `${locationName(n.object as AnyNode)}${n.computed ? '[]' : `.${(n.property as AnyNode).name as string}`}`;
    if (n.type === 'ThisExpression') return 'this';
    return text(n);
  };
  const keyOf = (m: AnyNode) => (m.computed ? text(m.property as AnyNode) : JSON.stringify((m.property as AnyNode).name));
  const handled = new Set<AnyNode>();
  // one id per variable name in this file (its first use), so every access to it names the same location
  const varRefs = new Map<string, string>();
  const varRef = (id: AnyNode) => {
    const name = id.name as string;
    let ref = varRefs.get(name);
    if (!ref) {
      ref = ctx.site(id, 'var', { name });
      varRefs.set(name, ref);
    }
    return ref;
  };
  const isTarget = (n: AnyNode, parent: AnyNode | undefined) =>
    !!parent && ((parent.type === 'AssignmentExpression' && parent.left === n) || (parent.type === 'UpdateExpression' && parent.argument === n));

  const visit = (n: AnyNode, parents: AnyNode[], inAsync: boolean, outerOnly: Set<string> | null, tests: [number, number][], kept: boolean): void => {
    let nextAsync = inAsync;
    let locals = outerOnly;
    if (isFunction(n)) {
      // inside an async function, names declared by it (or by functions nested in it) are not shared state
      if (n.async) {
        nextAsync = true;
        locals = declaredIn(n);
      } else if (inAsync && locals) {
        locals = new Set([...locals, ...declaredIn(n)]);
      }
    }
    const testRanges =
      n.type === 'IfStatement' || n.type === 'ConditionalExpression' || n.type === 'WhileStatement' || n.type === 'DoWhileStatement'
        ? [...tests, [(n.test as AnyNode).start, (n.test as AnyNode).end] as [number, number]]
        : n.type === 'LogicalExpression'
          ? [...tests, [(n.left as AnyNode).start, (n.left as AnyNode).end] as [number, number]]
          : tests;
    // a value kept in a local, or returned to the caller, is carried past the next await
    const keptHere = kept || n.type === 'VariableDeclarator' || n.type === 'ReturnStatement';
    for (const key of Object.keys(n)) {
      if (key === 'loc') continue;
      const v = n[key];
      const childKept = keptHere && !(n.type === 'VariableDeclarator' && key === 'id');
      if (Array.isArray(v)) v.forEach((c) => isNode(c) && visit(c, [...parents, n], nextAsync, locals, testRanges, childKept));
      else if (isNode(v)) visit(v, [...parents, n], nextAsync, locals, testRanges, childKept);
    }
    if (!inAsync || !locals || handled.has(n)) return;
    const parent = parents[parents.length - 1];
    const inTest = tests.some(([a, b]) => n.start >= a && n.end <= b);
    const isOuterVar = (id: AnyNode) => id.type === 'Identifier' && racyVars.has(id.name as string) && !locals!.has(id.name as string);
    const readRole = inTest ? 'check' : kept ? 'kept' : 'read';

    // ---- writes: assignments and updates
    if (n.type === 'AssignmentExpression' || n.type === 'UpdateExpression') {
      const target = (n.type === 'AssignmentExpression' ? n.left : n.argument) as AnyNode;
      const op = n.operator as string;
      let ref: string | null = null;
      let key = '';
      if (isOuterVar(target)) {
        ref = ctx.site(target, 'write', { name: target.name as string });
      } else if (target.type === 'MemberExpression' && !target.optional && simple(target.object as AnyNode) && (!target.computed || simple(target.property as AnyNode))) {
        ref = ctx.site(target, 'write', { name: locationName(target) });
        key = `${text(target.object as AnyNode)},${keyOf(target)}`;
      }
      if (!ref) return;
      handled.add(target);
      const isVar = target.type === 'Identifier';
      const vRef = isVar ? varRef(target) : '';
      const rec = (kind: 'r' | 'w', siteRef: string) => (isVar ? `${R}.${kind}v(${F},${siteRef},${vRef}` : `${R}.${kind}p(${F},${siteRef},${key}`);
      // a compound assignment carries what it read through its right-hand side (awaits included): a kept read
      const readRef = () => ctx.site(target, readRole === 'check' ? 'check' : 'kept', { name: isVar ? (target.name as string) : locationName(target) });
      if (n.type === 'UpdateExpression') {
        s.prependRight(n.start, `(${rec('r', readRef())}),${rec('w', ref)},0),`);
        s.appendLeft(n.end, ')');
        return;
      }
      const right = n.right as AnyNode;
      const opStart = source.indexOf(op, target.end);
      if (op === '=') {
        s.prependRight(right.start, `${rec('w', ref)},`);
        s.appendLeft(right.end, ')');
      } else if (ARITHMETIC.has(op)) {
        s.overwrite(opStart, opStart + op.length, `= ${rec('w', ref)},(${rec('r', readRef())}),${text(target)}) ${op.slice(0, -1)} (`);
        s.appendLeft(right.end, '))');
      } else if (LOGICAL.has(op)) {
        s.overwrite(target.start, right.start, `(${rec('r', readRef())}),${text(target)}) ${op.slice(0, -1)} (${text(target)} = ${rec('w', ref)},`);
        s.appendLeft(right.end, '))');
      }
      return;
    }

    // ---- Map / Set membership
    if (n.type === 'CallExpression') {
      const callee = n.callee as AnyNode;
      const args = n.arguments as AnyNode[];
      if (callee.type !== 'MemberExpression' || callee.computed || callee.optional || !simple(callee.object as AnyNode)) return;
      const method = (callee.property as AnyNode).name as string;
      const k = args[0];
      if (!k || !simple(k) || (!COLLECTION_READS.has(method) && !COLLECTION_WRITES.has(method))) return;
      const base = text(callee.object as AnyNode);
      const name = locationName(callee.object as AnyNode);
      if (COLLECTION_READS.has(method)) {
        const ref = ctx.site(n, readRole, { name });
        s.prependRight(n.start, `(${R}.rm(${F},${ref},${base},${text(k)}),`);
        s.appendLeft(n.end, ')');
      } else {
        const ref = ctx.site(n, 'write', { name });
        const last = args[args.length - 1];
        // recorded when the call happens: after its arguments (awaits included) were evaluated
        s.prependRight(last.start, `${R}.wm(${F},${ref},${base},${text(k)},`);
        s.appendLeft(last.end, ')');
      }
      handled.add(callee);
      return;
    }

    // ---- reads
    if (n.type === 'Identifier' && isOuterVar(n) && parent && !isTarget(n, parent)) {
      const pt = parent.type;
      const asValue =
        !(pt === 'MemberExpression' && parent.property === n && !parent.computed) &&
        !(pt === 'Property' && (parent.key === n || parent.shorthand)) &&
        !(pt === 'MethodDefinition' || pt === 'PropertyDefinition') &&
        !(pt === 'CallExpression' && parent.callee === n) &&
        !(pt === 'VariableDeclarator' && parent.id === n) &&
        !(pt === 'UnaryExpression' && parent.operator === 'typeof') &&
        !(pt === 'ForOfStatement' || pt === 'ForInStatement') &&
        !pt.startsWith('Export') &&
        !pt.startsWith('Import') &&
        !(pt === 'LabeledStatement' || pt === 'BreakStatement' || pt === 'ContinueStatement') &&
        !(pt === 'AssignmentPattern' && parent.left === n) &&
        !(pt.endsWith('Pattern'));
      if (!asValue) return;
      const ref = ctx.site(n, readRole, { name: n.name as string });
      s.prependRight(n.start, `(${R}.rv(${F},${ref},${varRef(n)}),`);
      s.appendLeft(n.end, ')');
      return;
    }
    if (n.type === 'MemberExpression' && !n.optional && parent && !isTarget(n, parent) && simple(n.object as AnyNode) && (!n.computed || simple(n.property as AnyNode))) {
      const propName = n.computed ? '[]' : ((n.property as AnyNode).name as string);
      if (!writtenProps.has(propName)) return;
      if ((parent.type === 'CallExpression' && parent.callee === n) || (parent.type === 'UnaryExpression' && parent.operator === 'delete')) return;
      if ((parent.type === 'ForOfStatement' || parent.type === 'ForInStatement') && parent.left === n) return;
      if (parent.type.endsWith('Pattern')) return;
      const ref = ctx.site(n, readRole, { name: locationName(n) });
      s.prependRight(n.start, `(${R}.rp(${F},${ref},${text(n.object as AnyNode)},${keyOf(n)}),`);
      s.appendLeft(n.end, ')');
    }
  };
  visit(ast, [], false, null, [], false);
}
