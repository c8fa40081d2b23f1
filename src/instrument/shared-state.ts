// What race recording needs to know about a file before the instrumentation pass (src/instrument/instrument.ts)
// records reads and writes of state that can outlive one coroutine step: outer mutable variables and simple member
// paths (this.x, a.b, a[k]), plus Map/Set membership. Only places that can race are recorded: variables written
// somewhere, properties whose name is written somewhere in the file. They are gathered while acorn parses.
import * as acorn from 'acorn';

type AnyNode = { type: string; start: number; end: number; [key: string]: unknown };

export const COLLECTION_READS = new Set(['has', 'get']);
export const COLLECTION_WRITES = new Set(['set', 'add', 'delete']);
/** methods that change an array in place: a write of the array (its `length`) */
export const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

const isNode = (v: unknown): v is AnyNode => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';

const SCALAR_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'raw', 'name', 'operator', 'prefix', 'computed', 'optional', 'kind', 'async', 'generator', 'directive', 'sourceType', 'method', 'shorthand', 'static', 'delegate', 'await', 'tail', 'regex', 'bigint']);
const keysOfType = new Map<string, string[]>();
/** The keys that may hold child nodes, per node type (every node of a type has the same keys, acorn's and ours alike). */
export function childKeys(n: AnyNode): string[] {
  let keys = keysOfType.get(n.type);
  if (!keys) keysOfType.set(n.type, (keys = Object.keys(n).filter((k) => !SCALAR_KEYS.has(k))));
  return keys;
}

/** Calls `f` on each child node of `n`, in source order of its keys (no array made). */
export function forEachChild(n: AnyNode, f: (c: AnyNode) => void): void {
  const keys = childKeys(n);
  for (let k = 0; k < keys.length; k++) {
    const v = n[keys[k]];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (isNode(v[i])) f(v[i] as AnyNode);
    } else if (isNode(v)) f(v);
  }
}

/** A node's child nodes, in source order of its keys. */
export function childNodes(n: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  forEachChild(n, (c) => out.push(c));
  return out;
}

/** The names a declaration pattern binds (`{ a, b: [c, ...d] = x }` binds a, c, d). */
export function patternNames(p: AnyNode | null | undefined, out: Set<string>): void {
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

export interface RaceFacts {
  /** variables declared with let/var and assigned somewhere in the file */
  racyVars: Set<string>;
  /** property names assigned somewhere in the file ('[]' for computed keys) */
  writtenProps: Set<string>;
  /** the names each function declares for itself: parameters, var/let/const/function/class in its body (not in nested functions) */
  declared: Map<AnyNode, Set<string>>;
}

type Hooks = {
  finishNode(node: AnyNode, type: string): AnyNode;
  parseFunctionBody(node: AnyNode, ...rest: unknown[]): void;
};

/**
 * acorn's parser, gathering the file's RaceFacts as it parses (no walk of the tree of its own): each node is seen as
 * acorn finishes it, and each function's own names are collected while its body is parsed. A node acorn finishes and
 * then turns into another (an assignment that becomes a default, `(a = 1) => a`) is judged by what it finally is.
 */
export const RaceFactsParser = acorn.Parser.extend(
  (Base) =>
    // (acorn's types do not list the parser's methods that plugins override)
    class extends (Base as unknown as new (...args: unknown[]) => Hooks) {
      /** assignments, updates, calls and declarations, judged once the parse is done */
      candidates: AnyNode[] = [];
      declared = new Map<AnyNode, Set<string>>();
      /** the names of the functions whose bodies are being parsed, innermost last */
      names: Set<string>[] = [];

      parseFunctionBody(node: AnyNode, ...rest: unknown[]): void {
        const names = new Set<string>();
        for (const p of node.params as AnyNode[]) patternNames(p, names);
        this.names.push(names);
        try {
          super.parseFunctionBody(node, ...rest);
        } finally {
          this.names.pop();
        }
        this.declared.set(node, names);
      }

      finishNode(node: AnyNode, type: string): AnyNode {
        super.finishNode(node, type);
        switch (type) {
          case 'AssignmentExpression':
          case 'UpdateExpression':
          case 'CallExpression':
          case 'VariableDeclaration':
            this.candidates.push(node);
            break;
          case 'FunctionExpression':
            if (node.id) this.declared.get(node)?.add((node.id as AnyNode).name as string);
            break;
        }
        const names = this.names[this.names.length - 1];
        if (names === undefined) return node; // the module's top level
        if (type === 'VariableDeclarator') patternNames(node.id as AnyNode, names);
        else if ((type === 'FunctionDeclaration' || type === 'ClassDeclaration') && node.id) names.add((node.id as AnyNode).name as string);
        else if (type === 'CatchClause' && node.param) patternNames(node.param as AnyNode, names);
        return node;
      }

      /** the facts of the file parsed */
      raceFacts(): RaceFacts {
        const mutableVars = new Set<string>();
        const writtenVars = new Set<string>();
        const writtenProps = new Set<string>();
        for (const n of this.candidates) {
          if (n.type === 'VariableDeclaration' && n.kind !== 'const') for (const d of n.declarations as AnyNode[]) patternNames(d.id as AnyNode, mutableVars);
          const target = n.type === 'AssignmentExpression' ? (n.left as AnyNode) : n.type === 'UpdateExpression' ? (n.argument as AnyNode) : null;
          if (target?.type === 'Identifier') writtenVars.add(target.name as string);
          if (target?.type === 'MemberExpression' && !target.computed) writtenProps.add(((target.property as AnyNode).name as string) ?? '');
          if (target?.type === 'MemberExpression' && target.computed) writtenProps.add('[]');
          // an array changed in place makes its length a location that can race
          const callee = n.type === 'CallExpression' ? (n.callee as AnyNode) : null;
          if (callee?.type === 'MemberExpression' && !callee.computed && ARRAY_MUTATORS.has((callee.property as AnyNode).name as string)) writtenProps.add('length');
        }
        return { racyVars: new Set([...writtenVars].filter((v) => mutableVars.has(v))), writtenProps, declared: this.declared };
      }
    } as unknown as typeof acorn.Parser,
) as unknown as new (options: acorn.Options, input: string) => { parse(): acorn.Program; raceFacts(): RaceFacts };

/** A base or key whose location can be named: this, identifiers, literals, and non-computed chains of them. */
export function isSimple(n: AnyNode): boolean {
  if (n.type === 'ThisExpression' || n.type === 'Identifier' || n.type === 'Literal') return true;
  if (n.type === 'MemberExpression' && !n.optional) return isSimple(n.object as AnyNode) && (!n.computed || isSimple(n.property as AnyNode));
  return false;
}

/** The location as a person writes it (`this.stats.hits`, `cache`); computed keys become []. */
export function locationName(n: AnyNode, text: (n: AnyNode) => string): string {
  if (n.type === 'MemberExpression') return `${locationName(n.object as AnyNode, text)}${n.computed ? '[]' : `.${(n.property as AnyNode).name as string}`}`;
  if (n.type === 'ThisExpression') return 'this';
  return text(n);
}
