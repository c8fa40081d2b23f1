// TypeScript as the user's project builds it: the nearest tsconfig.json (JSONC, `extends` followed) drives esbuild's
// transform, and what it produces behaves as tsc's output does (legacy decorators, useDefineForClassFields, jsx).
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import vm from 'node:vm';
import { parseJsonc, findTsconfig, tsconfigFor, resolveExtends, compilerOptionsForEsbuild } from '../../src/instrument/tsconfig';
import { transformTypeScript, prepareModule, moduleFormatOf, typeScriptSpecifiers, typeScriptSourceFor, needsCompiling, isTypeScript } from '../../src/instrument/prepare';
import { InstrumentSyntaxError } from '../../src/instrument/instrument';

let root: string;

function put(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Run CommonJS output in a fresh context; what it prints comes back as lines. */
function run(code: string): string[] {
  const lines: string[] = [];
  const module = { exports: {} };
  const context = vm.createContext({ module, exports: module.exports, console: { log: (...a: unknown[]) => lines.push(a.map(String).join(' ')) } });
  vm.runInContext(code, context);
  return lines;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'loopscope-tsconfig-'));
});

describe('tsconfig.json as JSON with comments', () => {
  it('drops line and block comments and trailing commas, and leaves strings alone', () => {
    const text = `// top\n{\n  /* block\n  comment */ "a": "http://x/*y*/", // after\n  "b": [1, 2, ],\n  "c": { "d": "\\"//", },\n}\n`;
    expect(parseJsonc(text)).toEqual({ a: 'http://x/*y*/', b: [1, 2], c: { d: '"//' } });
    expect(parseJsonc('\uFEFF{"a": 1}')).toEqual({ a: 1 });
    expect(parseJsonc('')).toEqual({});
  });

  it('a broken file is an error at its line', () => {
    const file = put('broken/tsconfig.json', '{\n  "compilerOptions": {\n    "strict": true\n    "target": "ES2022"\n  }\n}\n');
    let err: unknown;
    try {
      tsconfigFor(join(root, 'broken', 'a.ts'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InstrumentSyntaxError);
    expect(err).toMatchObject({ file, line: 4 });
  });
});

describe('which tsconfig.json applies', () => {
  it('is the nearest one above the file', () => {
    const outer = put('near/tsconfig.json', '{}');
    const inner = put('near/pkg/tsconfig.json', '{}');
    put('near/pkg/src/deep/a.ts', '');
    expect(findTsconfig(join(root, 'near', 'pkg', 'src', 'deep', 'a.ts'))).toBe(inner);
    expect(findTsconfig(join(root, 'near', 'other', 'b.ts'))).toBe(outer);
  });

  it('is the nearest one whose project holds the file: files, include (folders, wildcards), exclude', () => {
    const own = put('proj/tsconfig.json', '{ "include": ["src", "scripts/*.ts"], "exclude": ["src/**/*.test.ts", "src/gen"], "files": ["extra/one.ts"] }');
    const outer = put('tsconfig.json', '{ "compilerOptions": { "jsx": "react" } }');
    const at = (p: string) => tsconfigFor(join(root, 'proj', p))?.file;
    expect(at('src/a.ts')).toBe(own);
    expect(at('src/deep/er/b.tsx')).toBe(own);
    expect(at('scripts/c.ts')).toBe(own);
    expect(at('extra/one.ts')).toBe(own);
    // not in this project: the next tsconfig.json up that holds it
    expect(at('scripts/nested/d.ts')).toBe(outer);
    expect(at('src/a.test.ts')).toBe(outer);
    expect(at('src/gen/e.ts')).toBe(outer);
    expect(at('extra/two.ts')).toBe(outer);
    expect(at('other.ts')).toBe(outer);
  });

  it('a solution-style tsconfig.json hands the file to the referenced project that holds it (as Vite templates have)', () => {
    put('sol/tsconfig.json', '{ "files": [], "references": [{ "path": "./tsconfig.app.json" }, { "path": "./tools" }] }');
    const app = put('sol/tsconfig.app.json', '{ "compilerOptions": { "jsx": "react-jsx" }, "include": ["src"] }');
    const tools = put('sol/tools/tsconfig.json', '{ "compilerOptions": { "module": "commonjs" }, "include": ["**/*.ts"] }');
    expect(tsconfigFor(join(root, 'sol', 'src', 'App.tsx'))).toMatchObject({ file: app, compilerOptions: { jsx: 'react-jsx' } });
    expect(tsconfigFor(join(root, 'sol', 'tools', 'build.ts'))?.file).toBe(tools);
  });

  it('include and files inherited through extends stay relative to the file that set them; ${configDir} is the using one', () => {
    put('inh/base/tsconfig.base.json', '{ "include": ["../app/src"], "compilerOptions": { "strict": true } }');
    put('inh/app/tsconfig.json', '{ "extends": "../base/tsconfig.base.json" }');
    expect(tsconfigFor(join(root, 'inh', 'app', 'src', 'a.ts'))?.compilerOptions).toEqual({ strict: true });
    expect(tsconfigFor(join(root, 'inh', 'app', 'b.ts'))?.file).not.toBe(join(root, 'inh', 'app', 'tsconfig.json'));
    put('tmpl/shared.json', '{ "include": ["${configDir}/lib"] }');
    const lib = put('tmpl/pkg/tsconfig.json', '{ "extends": "../shared.json" }');
    expect(tsconfigFor(join(root, 'tmpl', 'pkg', 'lib', 'x.ts'))?.file).toBe(lib);
  });

  it('follows extends: a relative path without .json, an array (later wins), the nearer file over what it extends', () => {
    put('ext/base.json', '{ "compilerOptions": { "experimentalDecorators": true, "target": "ES2020", "strict": true } }');
    put('ext/configs/jsx.json', '{ "compilerOptions": { "jsx": "react", "jsxFactory": "first", "target": "ES2021" } }');
    put('ext/configs/jsx2.json', '{ "compilerOptions": { "jsxFactory": "h" } }');
    const own = put('ext/tsconfig.json', '{ "extends": ["./base", "./configs/jsx.json", "./configs/jsx2"], "compilerOptions": { "strict": false } }');
    const t = tsconfigFor(join(root, 'ext', 'main.tsx'))!;
    expect(t.file).toBe(own);
    expect(t.files).toEqual([own, join(root, 'ext/base.json'), join(root, 'ext/configs/jsx.json'), join(root, 'ext/configs/jsx2.json')]);
    expect(t.compilerOptions).toMatchObject({ experimentalDecorators: true, target: 'ES2021', strict: false, jsx: 'react', jsxFactory: 'h' });
  });

  it('follows extends into packages: a subpath, the "tsconfig" field, a plain tsconfig.json, from node_modules above', () => {
    put('pk/node_modules/@org/cfg/strict.json', '{ "compilerOptions": { "useDefineForClassFields": false } }');
    put('pk/node_modules/@org/cfg/package.json', '{ "name": "@org/cfg", "tsconfig": "./base.json" }');
    put('pk/node_modules/@org/cfg/base.json', '{ "compilerOptions": { "experimentalDecorators": true } }');
    put('pk/node_modules/plain-cfg/tsconfig.json', '// comment\n{ "compilerOptions": { "jsx": "react-jsx", } }');
    put('pk/app/tsconfig.json', '{ "extends": ["@org/cfg", "@org/cfg/strict", "plain-cfg"] }');
    expect(resolveExtends('@org/cfg/strict.json', join(root, 'pk', 'app'))).toBe(join(root, 'pk/node_modules/@org/cfg/strict.json'));
    expect(tsconfigFor(join(root, 'pk', 'app', 'x.ts'))!.compilerOptions).toEqual({ experimentalDecorators: true, useDefineForClassFields: false, jsx: 'react-jsx' });
  });

  it('an extends that is not there, or a circle, is an error that names the file', () => {
    const missing = put('miss/tsconfig.json', '{\n  "extends": "./nope.json"\n}\n');
    expect(() => tsconfigFor(join(root, 'miss', 'a.ts'))).toThrow(/extends "\.\/nope\.json", which was not found/);
    try {
      tsconfigFor(join(root, 'miss', 'a.ts'));
    } catch (e) {
      expect(e).toMatchObject({ file: missing, line: 2 });
    }
    put('circle/tsconfig.json', '{ "extends": "./a.json" }');
    put('circle/a.json', '{ "extends": "./tsconfig.json" }');
    expect(() => tsconfigFor(join(root, 'circle', 'a.ts'))).toThrow(/circular "extends"/);
  });

  it('hands esbuild only the options its transform acts on', () => {
    expect(compilerOptionsForEsbuild({ experimentalDecorators: true, jsx: 'React', target: 'ES2020', paths: { '@/*': ['src/*'] }, outDir: 'dist', module: 'commonjs' })).toEqual({
      experimentalDecorators: true,
      jsx: 'react',
      target: 'es2020',
    });
  });
});

describe('the transform follows the tsconfig', () => {
  const decorated = [
    'const calls: string[] = [];',
    'function tag(label: string) { return (ctor: Function) => { calls.push(`class ${label} ${ctor.name}`); }; }',
    'function method(target: object, key: string, d: PropertyDescriptor) { calls.push(`method ${key}`); return d; }',
    'function param(target: object, key: string, index: number) { calls.push(`param ${key} ${index}`); }',
    '@tag("v1")',
    'class Service {',
    '  @method',
    '  async load(@param id: number) { await null; return id; }',
    '}',
    'console.log(calls.join("; "));',
    'console.log(typeof Service);',
  ].join('\n');

  it('legacy decorators (experimentalDecorators) compile and run as tsc runs them', () => {
    put('deco/tsconfig.json', '{ "compilerOptions": { "experimentalDecorators": true } }');
    const file = join(root, 'deco', 'service.ts');
    const out = transformTypeScript(decorated, file, 'commonjs');
    expect(run(out.code)).toEqual(['param load 0; method load; class v1 Service', 'function']);
    // without it, a parameter decorator is not even TypeScript's standard decorators: it does not compile
    put('no-deco/tsconfig.json', '{ "compilerOptions": { "experimentalDecorators": false } }');
    expect(() => transformTypeScript(decorated, join(root, 'no-deco', 'service.ts'), 'commonjs')).toThrow(InstrumentSyntaxError);
  });

  const fields = [
    'class Base {',
    '  set size(v: number) { console.log(`setter saw ${v}`); }',
    '}',
    'class Square extends Base {',
    '  // @ts-expect-error a field over an accessor',
    '  size = 2;',
    '}',
    'const s = new Square();',
    'console.log(`own size: ${Object.prototype.hasOwnProperty.call(s, "size")}`);',
  ].join('\n');

  it('useDefineForClassFields: false assigns fields through inherited setters; true (or ES2022+) defines them', () => {
    put('assign/tsconfig.json', '{ "compilerOptions": { "useDefineForClassFields": false } }');
    expect(run(transformTypeScript(fields, join(root, 'assign', 'a.ts'), 'commonjs').code)).toEqual(['setter saw 2', 'own size: false']);
    put('define/tsconfig.json', '{ "compilerOptions": { "target": "ES2022" } }');
    expect(run(transformTypeScript(fields, join(root, 'define', 'a.ts'), 'commonjs').code)).toEqual(['own size: true']);
    // tsc's default below ES2022 is assignment; esbuild takes that default from tsconfig's target
    put('old-target/tsconfig.json', '{ "compilerOptions": { "target": "ES2020" } }');
    expect(run(transformTypeScript(fields, join(root, 'old-target', 'a.ts'), 'commonjs').code)).toEqual(['setter saw 2', 'own size: false']);
  });

  it('a low target never down-levels async functions, await, generators or async generators (that would change ticks)', () => {
    put('es2015/tsconfig.json', '{ "compilerOptions": { "target": "ES2015" } }');
    const source = 'async function* g() { yield 1; }\nasync function f(): Promise<void> { for await (const x of g()) await x; }\nfunction* s() { yield 2; }\n';
    const out = transformTypeScript(source, join(root, 'es2015', 'a.ts'), 'module').code;
    expect(out).toContain('async function* g()');
    expect(out).toContain('async function f()');
    expect(out).toContain('for await (const x of g())');
    expect(out).toContain('function* s()');
    expect(out).not.toMatch(/__async|__await|__asyncGenerator/);
  });

  it('jsx settings apply to .tsx and to .jsx', () => {
    put('jsx/tsconfig.json', '{ "compilerOptions": { "jsx": "react", "jsxFactory": "h", "jsxFragmentFactory": "Frag" } }');
    const run2 = (file: string, source: string) => run(transformTypeScript(source, join(root, 'jsx', file), 'commonjs').code);
    const prelude = 'function h(tag, props, ...children) { return tag === Frag ? children.join("") : `<${tag}>${children.join("")}</${tag}>`; }\nfunction Frag() {}\n';
    expect(run2('a.jsx', `${prelude}console.log(<><b>{1 + 1}</b>!</>);\n`)).toEqual(['<b>2</b>!']);
    expect(run2('a.tsx', `${prelude.replace('(tag, props, ...children)', '(tag: unknown, props: unknown, ...children: unknown[])')}const n: number = 3;\nconsole.log(<i>{n}</i>);\n`)).toEqual(['<i>3</i>']);
  });

  it('strict / alwaysStrict make CommonJS output strict, as tsc emits "use strict"', () => {
    put('strict/tsconfig.json', '{ "compilerOptions": { "strict": true } }');
    expect(transformTypeScript('let x: number = 1;\n', join(root, 'strict', 'a.ts'), 'commonjs').code).toMatch(/^"use strict";/);
  });

  it('without a tsconfig.json nothing changes: esbuild defaults, native class fields', () => {
    const alone = mkdtempSync(join(tmpdir(), 'loopscope-no-tsconfig-'));
    if (findTsconfig(join(alone, 'a.ts'))) return; // a tsconfig.json above the temp folder: nothing to check here
    expect(run(transformTypeScript(fields, join(alone, 'a.ts'), 'commonjs').code)).toEqual(['own size: true']);
  });

  it('sites of a .tsx file point at its own lines', () => {
    put('sites/tsconfig.json', '{ "compilerOptions": { "jsx": "react", "jsxFactory": "h" } }');
    const source = 'declare function h(...a: unknown[]): string;\n\nexport async function view(id: number): Promise<string> {\n  const n: number = await Promise.resolve(id);\n  return <p>{n}</p>;\n}\n';
    const out = prepareModule(source, join(root, 'sites', 'view.tsx'), 'module');
    expect(out.code).toContain('h("p", null, n)');
    expect(out.sites.find((s) => s.kind === 'await')).toMatchObject({ line: 4 });
    expect(out.sites.find((s) => s.kind === 'function')).toMatchObject({ line: 3, name: 'view', async: true });
  });
});

describe('module format and file names, as tsc emits them', () => {
  it('a .ts without package "type" is CommonJS when tsconfig "module" emits CommonJS, else goes by syntax', () => {
    put('fmt-cjs/tsconfig.json', '{ "compilerOptions": { "module": "commonjs" } }');
    put('fmt-next/tsconfig.json', '{ "compilerOptions": { "module": "NodeNext" } }');
    put('fmt-esm/tsconfig.json', '{ "compilerOptions": { "module": "ESNext" } }');
    const esm = 'import { x } from "./x.js";\nexport const y: number = x;\n';
    expect(moduleFormatOf(join(root, 'fmt-cjs', 'a.ts'), esm)).toBe('commonjs');
    expect(moduleFormatOf(join(root, 'fmt-next', 'a.tsx'), esm)).toBe('commonjs');
    expect(moduleFormatOf(join(root, 'fmt-esm', 'a.ts'), esm)).toBe('module');
    expect(moduleFormatOf(join(root, 'fmt-esm', 'a.ts'), 'const a: number = require("x");')).toBe('commonjs');
    // package.json "type" comes first, as for Node
    put('fmt-typed/package.json', '{ "type": "module" }');
    put('fmt-typed/tsconfig.json', '{ "compilerOptions": { "module": "nodenext" } }');
    expect(moduleFormatOf(join(root, 'fmt-typed', 'a.ts'), esm)).toBe('module');
    // JSX is detected after compiling it
    expect(moduleFormatOf(join(root, 'fmt-esm', 'a.jsx'), 'export const v = <b />;\n')).toBe('module');
  });

  it('extensions: .tsx is TypeScript; .jsx and TypeScript are compiled first', () => {
    expect(['a.ts', 'a.mts', 'a.cts', 'a.tsx'].map(isTypeScript)).toEqual([true, true, true, true]);
    expect(['a.jsx', 'a.js'].map(isTypeScript)).toEqual([false, false]);
    expect(['a.jsx', 'a.tsx', 'a.ts', 'a.js', 'a.mjs'].map(needsCompiling)).toEqual([true, true, true, false, false]);
  });

  it('./x.js names what tsc writes: the sources are x.ts, then x.tsx', () => {
    expect(typeScriptSpecifiers('./shape.js')).toEqual(['./shape.ts', './shape.tsx']);
    expect(typeScriptSpecifiers('../lib/a.b.mjs')).toEqual(['../lib/a.b.mts']);
    expect(typeScriptSpecifiers('./c.cjs')).toEqual(['./c.cts']);
    expect(typeScriptSpecifiers('./v.jsx')).toEqual(['./v.tsx']);
    expect(typeScriptSpecifiers('pkg/x.js')).toEqual([]);
    expect(typeScriptSpecifiers('./x.ts')).toEqual([]);
    const parent = put('res/main.cts', '');
    put('res/shape.ts', '');
    put('res/view.tsx', '');
    put('res/real.js', '');
    put('res/real.ts', '');
    expect(typeScriptSourceFor('./shape.js', parent)).toBe('./shape.ts');
    expect(typeScriptSourceFor('./view.js', parent)).toBe('./view.tsx');
    expect(typeScriptSourceFor('./real.js', parent)).toBeUndefined(); // the .js is there: Node's own resolution
    expect(typeScriptSourceFor('./missing.js', parent)).toBeUndefined();
    expect(typeScriptSourceFor('./shape.js', join(root, 'res', 'plain.js'))).toBeUndefined(); // only for TypeScript
  });
});
