// The instrumented program must behave exactly as the original: each form here runs both ways in a fresh V8 context
// and must log the same things in the same order (ticks included), while reporting its functions and awaits.
import { describe, it, expect, vi } from 'vitest';
import vm from 'node:vm';
import * as acorn from 'acorn';
import { instrumentJavaScript, looksLikeModule, InstrumentSyntaxError } from '../../src/instrument/instrument';
import { prepareModule, moduleFormatOf } from '../../src/instrument/prepare';
import { RaceFactsParser } from '../../src/instrument/shared-state';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

interface Run {
  log: unknown[];
  calls: string[];
}

/** Run a script in a fresh context with a recording runtime; waits for timers and microtasks to finish. */
async function run(code: string): Promise<Run> {
  const log: unknown[] = [];
  const calls: string[] = [];
  let frames = 0;
  const runtime = {
    r: () => 0,
    e: (site: number) => {
      calls.push(`enter ${site}`);
      return ++frames;
    },
    x: (frame: number) => void calls.push(`exit ${frame}`),
    a: (frame: number, site: number, v: unknown) => (calls.push(`await ${frame}@${site}`), v),
    fa: (frame: number, site: number, v: unknown) => (calls.push(`for-await ${frame}@${site}`), v),
    fr: (frame: number) => void calls.push(`loop ${frame}`),
    y: (frame: number, site: number, v: unknown) => (calls.push(`yield ${frame}@${site}`), v),
    yr: (_frame: number, v: unknown) => v,
    g: () => undefined,
  };
  const context = vm.createContext({ __ls: runtime, log: (...a: unknown[]) => log.push(a.length === 1 ? a[0] : a), setTimeout, Promise });
  vm.runInContext(code, context, { filename: 'snippet.js' });
  await new Promise((r) => setTimeout(r, 30));
  return { log, calls };
}

async function same(source: string): Promise<Run> {
  const original = await run(source.replace(/^#!.*/, ''));
  const instrumented = instrumentJavaScript(source, '/virtual/snippet.js', { sourceType: 'script' });
  const traced = await run(instrumented.code.replace(/^#!.*/, ''));
  expect(traced.log).toEqual(original.log);
  expect(traced.log.length).toBeGreaterThan(0);
  return traced;
}

describe('instrumented code behaves like the original', () => {
  it('async functions, arrows, methods, getters, classes', async () => {
    const r = await same(`
      class Store {
        #n = 1;
        get value() { return this.#n; }
        static make() { return new Store(); }
        async inc(by) { await null; this.#n += by; return this.#n; }
      }
      const s = Store.make();
      const obj = { async twice(x) { return (await s.inc(x)) * 2; }, arrow: async (x) => x + (await 1) };
      obj.twice(2).then((v) => log('twice', v, s.value));
      obj.arrow(1).then((v) => log('arrow', v));
      Promise.resolve().then(() => log('tick'));
    `);
    expect(r.calls.filter((c) => c.startsWith('await')).length).toBe(3);
  });

  it('tick order: return v, return await p, return p', async () => {
    await same(`
      const p = Promise.resolve();
      async function a() { return 1; }
      async function b() { return await p; }
      async function c() { return p; }
      c().then(() => log('c')); b().then(() => log('b')); a().then(() => log('a'));
      let n = 0; const tick = () => { log('t' + n); if (++n < 5) Promise.resolve().then(tick); }; tick();
    `);
  });

  it('arrow bodies that are object literals, sequences, conditionals, or start on the next line', async () => {
    await same(`
      const f = () => ({ a: 1 });
      const g = (x) => (log('side'), x + 1);
      const h = (x) => x ? 'yes' : 'no';
      const k = (x) =>
        x * 2;
      log(f(), g(1), h(0), k(4));
    `);
  });

  it("'use strict' stays a directive: the function stays strict", async () => {
    const r = await same(`
      function sloppy() { return typeof this; }
      function strict() { 'use strict'; return typeof this; }
      log(sloppy(), strict());
    `);
    expect(r.log).toEqual([['object', 'undefined']]);
  });

  it('destructured and default parameters, rest, arguments', async () => {
    await same(`
      async function f({ a, b: [c, d = 4] = [] }, e = a + 1, ...rest) { await null; return [a, c, d, e, rest.length, arguments.length]; }
      f({ a: 1, b: [2] }, undefined, 9, 9).then((v) => log(v));
    `);
  });

  it('labeled loops with continue and break across awaits', async () => {
    await same(`
      (async () => {
        outer: for (let i = 0; i < 3; i++) {
          inner: for (const j of [0, 1, 2]) {
            await null;
            if (j === 1) continue outer;
            if (i === 2) break outer;
            log(i, j);
          }
        }
        let k = 0;
        do { k++; } while (k < 3);
        while (k--) if (k === 1) break;
        for (const key in { x: 1 }) log(key);
        log('done', k);
      })();
    `);
  });

  it('generators and async generators with for await', async () => {
    const r = await same(`
      function* gen() { const got = yield 1; log('got', got); yield* [2, 3]; return 4; }
      const it = gen(); log(it.next().value, it.next('x').value, it.next().value, it.next().value, it.next().value);
      async function* agen() { for (let i = 0; i < 3; i++) { await null; yield i; } }
      (async () => { for await (const v of agen()) log('v', v); log('end'); })();
      const thrower = gen(); thrower.next(); try { thrower.throw(new Error('x')); } catch (e) { log('caught', e.message); }
    `);
    expect(r.calls.some((c) => c.startsWith('for-await'))).toBe(true);
    expect(r.calls.some((c) => c.startsWith('yield'))).toBe(true);
  });

  it('errors thrown across awaits, finally blocks, exits even on throw', async () => {
    const r = await same(`
      async function boom() { await null; throw new Error('bad'); }
      async function guard() { try { await boom(); } catch (e) { log('caught', e.message); return 'r'; } finally { log('finally'); } }
      guard().then((v) => log(v));
      function sync() { throw new TypeError('t'); }
      try { sync(); } catch (e) { log(e.name); }
    `);
    const enters = r.calls.filter((c) => c.startsWith('enter')).length;
    const exits = r.calls.filter((c) => c.startsWith('exit')).length;
    expect(exits).toBe(enters); // every function exits, thrown out of or not
  });

  it('a hashbang file instruments, and the source map leads every generated line back to its original line', () => {
    const source = '#!/usr/bin/env node\nasync function f() {\n  await 1;\n}\nf();\n';
    const out = instrumentJavaScript(source, '/virtual/x.js', { sourceType: 'script' });
    expect(out.code).not.toContain('#!');
    expect(out.sites.map((s) => [s.kind, s.line])).toEqual([
      ['module', 1],
      ['await', 3],
      ['function', 2],
    ]);
    const map = new TraceMap(out.map as never);
    const lines = out.code.split('\n');
    const at = (needle: string) => {
      const line = lines.findIndex((l) => l.includes(needle));
      return originalPositionFor(map, { line: line + 1, column: lines[line].indexOf(needle) });
    };
    expect(at('await __ls.a(')).toMatchObject({ source: '/virtual/x.js', line: 3, column: 2 });
    expect(at('f();')).toMatchObject({ line: 5, column: 0 });
  });

  it('names functions as a person would', () => {
    const out = instrumentJavaScript(
      `class A { async load() {} static get x() { return 1; } }\nconst handler = async () => {};\nsetTimeout(() => {}, 1);\nobj.onDone = function () {};\nconst o = { save() {} };\n`,
      '/virtual/n.js',
      { sourceType: 'script' },
    );
    expect(out.sites.filter((s) => s.kind === 'function').map((s) => s.name)).toEqual(['A.load', 'get A.x', 'handler', 'setTimeout callback', 'onDone', 'save']);
  });

  it('syntax errors carry file, line and column', () => {
    expect(() => instrumentJavaScript('let x = ;', '/virtual/bad.js', { sourceType: 'script' })).toThrow(InstrumentSyntaxError);
    try {
      instrumentJavaScript('\n\n  let x = ;', '/virtual/bad.js', { sourceType: 'script' });
    } catch (e) {
      expect(e).toMatchObject({ file: '/virtual/bad.js', line: 3, column: 11 });
    }
  });

  it('module syntax is detected the way Node detects it', () => {
    expect(looksLikeModule('import fs from "fs";')).toBe(true);
    expect(looksLikeModule('await 1;')).toBe(true);
    expect(looksLikeModule('const fs = require("fs");')).toBe(false);
    expect(looksLikeModule('return 1;')).toBe(false);
  });

  it('race facts gathered while parsing are those of the tree acorn returns', () => {
    const source = 'let a = 0, b = 0, c = 0; const f = (a = 1) => a; [b = 2] = []; c++; arr.push(1); o.p = 1; o[k] += 1;\n' +
      'function g(x, { z } = {}) { var y; try {} catch ([e]) {} class C {} function h() {} return function named() { let w; }; }';
    const parser = new RaceFactsParser({ ecmaVersion: 'latest', sourceType: 'script' }, source);
    const ast = parser.parse();
    const facts = parser.raceFacts();
    // `a = 1` is finished as an assignment, then becomes the arrow's default: not a write of `a`
    expect([...facts.racyVars]).toEqual(['c']);
    expect([...facts.writtenProps].sort()).toEqual(['[]', 'length', 'p']);
    const g = ast.body.find((s) => s.type === 'FunctionDeclaration') as unknown as { body: { body: { argument: unknown }[] } };
    const named = g.body.body[g.body.body.length - 1].argument;
    expect([...facts.declared.get(g as never)!].sort()).toEqual(['C', 'e', 'h', 'x', 'y', 'z']);
    expect([...facts.declared.get(named as never)!].sort()).toEqual(['named', 'w']);
    expect(facts.declared.size).toBe(4); // f, g, h, named
  });

  it('a file whose format took a parse is not parsed again to be instrumented, and is instrumented the same', () => {
    const script = '#!/usr/bin/env node\nconst importer = async () => { await 1; return import("x") };\nreturn 2;';
    const esm = 'import fs from "fs";\nawait fs.promises.stat(".");\nexport const f = async () => { await 1 };';
    for (const [file, source, format] of [['/virtual/s.js', script, 'commonjs'], ['/virtual/m.js', esm, 'module']] as const) {
      const alone = prepareModule(source, file, format).code; // parsed by the instrumenter itself
      const parses = vi.spyOn(acorn.Parser.prototype, 'parse'); // every parse of the instrumenter is one of acorn's parsers
      try {
        expect(moduleFormatOf(file, source)).toBe(format);
        const afterFormat = parses.mock.calls.length;
        expect(prepareModule(source, file, format).code).toBe(alone);
        expect(parses.mock.calls.length).toBe(afterFormat); // the format's tree was the one instrumented
        prepareModule(source, file, format);
        expect(parses.mock.calls.length).toBe(afterFormat + 1); // and used once (the instrumenter edits it)
      } finally {
        parses.mockRestore();
      }
    }
  });
});

describe('TypeScript', () => {
  it('is stripped by esbuild with async/await kept native, and sites map to the .ts lines', () => {
    const source = 'type Id = number;\n\ninterface User {\n  id: Id;\n}\n\nexport async function load(u: User): Promise<Id> {\n  const id: Id = await Promise.resolve(u.id);\n  return id;\n}\n';
    const out = prepareModule(source, '/virtual/user.ts', 'module');
    expect(out.code).toContain('async function load');
    expect(out.code).toContain('sourceMappingURL=data:application/json');
    expect(out.sites.find((s) => s.kind === 'await')).toMatchObject({ line: 8, column: 18 });
    expect(out.sites.find((s) => s.kind === 'function')).toMatchObject({ line: 7, name: 'load', async: true });
  });

  it('chooses the module format like Node: extension, package type, then syntax', () => {
    expect(moduleFormatOf('/virtual/a.mts', '')).toBe('module');
    expect(moduleFormatOf('/virtual/a.cts', 'export {}')).toBe('commonjs');
    expect(moduleFormatOf('/virtual/a.ts', 'import x from "y"; const a: number = 1;')).toBe('module');
    expect(moduleFormatOf('/virtual/a.ts', 'const a: number = require("x");')).toBe('commonjs');
  });
});
