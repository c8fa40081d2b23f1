// Bad input gets a clear message and loses nothing: each case runs the real CLI on a real program.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseTrace, type Trace } from '../../src/core/trace-format';
import { runCli, type CliResult } from '../support/cli';

const root = resolve(__dirname, '..', '..');
const cliPath = join(root, 'dist', 'cli.cjs');
let dir: string;

type Result = CliResult;

function cli(args: string[], input?: string): Promise<Result> {
  return runCli(args, { cwd: dir, input });
}

function program(name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

const traceOf = (name: string): Trace => parseTrace(readFileSync(join(dir, name), 'utf8'));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loopscope-bad-'));
  if (!existsSync(cliPath)) throw new Error('build first: node scripts/build.mjs');
});

describe('what the user asked to trace is wrong', () => {
  it('a syntax error names file:line:col with a code frame and no stack', async () => {
    const file = program('broken.js', 'const a = 1;\nconst b = ;\nconsole.log(a, b);\n');
    const r = await cli(['trace', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2:11: SyntaxError: Unexpected token`);
    expect(r.stderr).toMatch(/> {4}2 \| const b = ;\n {7}\| {11}\^/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('a TypeScript syntax error points at the .ts line', async () => {
    const file = program('broken.ts', 'const a: number = 1;\nlet b: = 2;\n');
    const r = await cli(['trace', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2:8: SyntaxError:`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('a missing file', async () => {
    const r = await cli(['trace', 'nope.js']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`loopscope: ${join(dir, 'nope.js')}: no such file\n`);
  });

  it('a directory', async () => {
    mkdirSync(join(dir, 'folder.js'), { recursive: true });
    const r = await cli(['trace', 'folder.js']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is a directory');
  });

  it('a binary file', async () => {
    writeFileSync(join(dir, 'blob.js'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
    const r = await cli(['trace', 'blob.js']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is a binary file');
  });

  it('a file that is not a script', async () => {
    program('notes.txt', 'hello');
    const r = await cli(['trace', 'notes.txt']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Loopscope traces .js .mjs .cjs .jsx .ts .mts .cts .tsx files');
  });

  it('a Node that does not exist', async () => {
    const file = program('fine.js', 'console.log(1)\n');
    const r = await cli(['trace', file, '--node', '/no/such/node']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Node.js not found');
  });

  it('usage errors exit 2 and show the usage', async () => {
    const r = await cli(['trace', 'x.js', '--timeout', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--timeout needs a positive whole number');
    expect(r.stderr).toContain('Usage: loopscope trace');
    expect((await cli(['frobnicate'])).code).toBe(2);
  });
});

describe('programs that never end are stopped at a limit, and the partial trace is kept', () => {
  it('an infinite synchronous loop', async () => {
    const file = program('spin.js', "console.log('before the loop');\nlet n = 0;\nwhile (true) { n++; }\n");
    const r = await cli(['trace', file, '--timeout', '800', '--json', 'spin.json']);
    expect(r.code).toBe(124);
    expect(r.stdout).toBe('before the loop\n');
    expect(r.stderr).toContain('STOPPED     timeout: a loop that never ends');
    const t = traceOf('spin.json');
    expect(t.program.stopped).toBe('timeout');
    expect(t.output.map((o) => o.text)).toEqual(['before the loop\n']);
  });

  it('an endless interval', async () => {
    const file = program('interval.js', "setInterval(() => console.log('tick'), 100);\n");
    const r = await cli(['trace', file, '--timeout', '1000', '--json', 'interval.json']);
    expect(r.code).toBe(124);
    const t = traceOf('interval.json');
    expect(t.program.stopped).toBe('timeout');
    expect(t.program.activeResources).toContain('Timeout');
    const ticks = t.tasks.filter((x) => x.queue === 'timer');
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    expect(t.output.length).toBe(ticks.length);
    expect(r.stderr).toMatch(/still open {2}Timeout\n/);
  });

  it('a server that never closes', async () => {
    const file = program('server.js', "require('node:net').createServer().listen(0, '127.0.0.1', () => console.log('listening'));\n");
    const r = await cli(['trace', file, '--timeout', '800', '--json', 'server.json']);
    expect(r.code).toBe(124);
    expect(r.stdout).toBe('listening\n');
    expect(traceOf('server.json').program.activeResources).toEqual(['TCPServerWrap']);
  });

  it('too many events: stopped at --max-events', async () => {
    const file = program('many.js', 'async function f(i) { await null; return i; }\n(async () => { for (let i = 0; ; i++) await f(i); })();\n');
    const r = await cli(['trace', file, '--max-events', '5000', '--json', 'many.json']);
    expect(r.code).toBe(125);
    const t = traceOf('many.json');
    expect(t.program.stopped).toBe('max-events');
    expect(t.program.events).toBeGreaterThan(4000);
    expect(t.coroutines.length).toBeGreaterThan(100);
  });
});

describe('programs that end badly keep their trace', () => {
  it('process.exit() mid-run: the program exit code, and what was recorded', async () => {
    const file = program('exit.js', "setTimeout(() => { console.log('bye'); process.exit(3); }, 10);\nsetTimeout(() => console.log('never'), 500);\n");
    const r = await cli(['trace', file, '--json', 'exit.json']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('bye\n');
    const t = traceOf('exit.json');
    expect(t.program.exitCode).toBe(3);
    expect(t.program.stopped).toBeNull();
    expect(t.output.map((o) => o.text)).toEqual(['bye\n']);
  });

  it('an uncaught exception: Node reports it as usual, the trace names it and its line', async () => {
    const file = program('throws.js', "console.log('start');\nsetTimeout(() => {\n  throw new Error('boom');\n}, 5);\n");
    const r = await cli(['trace', file, '--json', 'throws.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: boom');
    expect(r.stderr).toContain(`${file}:3`);
    const t = traceOf('throws.json');
    expect(t.program.error).toMatchObject({ origin: 'uncaughtException', name: 'Error', message: 'boom', source: { file, line: 3 } });
    expect(r.stderr).toContain(`uncaught exception: Error: boom at ${file}:3:`);
  });

  it('an unhandled rejection', async () => {
    const file = program('rejects.mjs', "async function load() {\n  throw new TypeError('bad input');\n}\nload();\n");
    const r = await cli(['trace', file, '--json', 'rejects.json']);
    expect(r.code).toBe(1);
    const t = traceOf('rejects.json');
    expect(t.program.error).toMatchObject({ origin: 'unhandledRejection', name: 'TypeError', message: 'bad input', source: { file, line: 2 } });
    expect(r.stderr).toContain('unhandled rejection: TypeError: bad input');
    // Node shows the throw line, as it does untraced (the tracer must not format the error's stack before Node does)
    expect(r.stderr.startsWith(`${file}:2\n  throw new TypeError('bad input');\n`)).toBe(true);
    // and the finding says where the promise was made: the call on line 4
    expect(t.findings.map((f) => [f.kind, f.sites.map((s) => [s.role, s.line])])).toEqual([['unhandled-rejection', [['created', 4], ['rejection', 2]]]]);
    // the summary lists it on the line to change
    expect(r.stderr).toContain(`unhandled-rejection at ${file}:4\n`);
  });

  it('megabytes of output pass through whole; the trace keeps a bounded part and says so', async () => {
    const file = program('loud.js', "const line = 'x'.repeat(1023) + '\\n';\nfor (let i = 0; i < 6 * 1024; i++) process.stdout.write(line);\n");
    const r = await cli(['trace', file, '--json', 'loud.json']);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(6 * 1024 * 1024);
    const t = traceOf('loud.json');
    expect(t.program.outputTruncated).toBe(true);
    expect(t.output.length).toBe(6 * 1024);
    expect(t.output.reduce((n, o) => n + o.text.length, 0)).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(r.stderr).toContain('text cut to fit the trace');
  });

  it('a program that replaces Promise and setTimeout prints the same', async () => {
    const source = [
      'const realSetTimeout = setTimeout;',
      "globalThis.setTimeout = (fn, ms) => realSetTimeout(() => { console.log('patched timer'); fn(); }, ms);",
      'class MyPromise extends Promise {}',
      'globalThis.Promise = MyPromise;',
      "new Promise((r) => setTimeout(r, 5)).then(() => console.log('then', new Promise(() => {}) instanceof MyPromise));",
      "(async () => { await null; console.log('async fn still native'); })();",
      '',
    ].join('\n');
    const file = program('patched.js', source);
    const plain = await new Promise<string>((res) => {
      const c = spawn(process.execPath, [file]);
      let out = '';
      c.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      c.on('close', () => res(out));
    });
    const r = await cli(['trace', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plain);
    expect(plain).toContain('patched timer');
  });

  it('a program that reads stdin gets it', async () => {
    const file = program('cat.js', "let all = '';\nprocess.stdin.on('data', (d) => (all += d));\nprocess.stdin.on('end', () => console.log('read:', all.trim()));\n");
    const r = await cli(['trace', file], 'hello from stdin\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('read: hello from stdin\n');
  });

  it('program arguments after -- reach the program', async () => {
    const file = program('args.js', 'console.log(process.argv.slice(2).join(","));\n');
    const r = await cli(['trace', file, '--', '--json', 'a b']);
    expect(r.stdout).toBe('--json,a b\n');
    expect(existsSync(join(dir, 'a b'))).toBe(false);
  });
});

describe('reading trace files', () => {
  it('a truncated trace file', async () => {
    const file = program('ok.js', "setTimeout(() => console.log('hi'), 1);\n");
    await cli(['trace', file, '--json', 'ok.json']);
    const whole = readFileSync(join(dir, 'ok.json'), 'utf8');
    writeFileSync(join(dir, 'cut.json'), whole.slice(0, whole.length / 2));
    const r = await cli(['report', 'cut.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cut\.json: not a readable trace: it is not valid JSON .*was it cut short\?/);
    const good = await cli(['report', 'ok.json', '--mermaid', 'ok.mmd']);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('tasks       2 (main 1, timer 1)');
    expect(readFileSync(join(dir, 'ok.mmd'), 'utf8')).toMatch(/^sequenceDiagram/);
    // the same exports as the panel and the Export command: Markdown and Perfetto too
    const more = await cli(['report', 'ok.json', '--markdown', 'ok.md', '--perfetto', 'ok.perfetto.json']);
    expect(more.code).toBe(0);
    expect(readFileSync(join(dir, 'ok.md'), 'utf8')).toContain('```mermaid\nsequenceDiagram');
    const perfetto = JSON.parse(readFileSync(join(dir, 'ok.perfetto.json'), 'utf8')) as { traceEvents: { ph: string }[] };
    expect(perfetto.traceEvents.filter((e) => e.ph === 'X')).toHaveLength(2);
  });

  it('a file that is not a trace, one of another version, an empty one, a missing one', async () => {
    writeFileSync(join(dir, 'other.json'), '{"hello": 1}');
    expect((await cli(['report', 'other.json'])).stderr).toContain('not a Loopscope trace: "format" is undefined');
    writeFileSync(join(dir, 'future.json'), '{"format": "loopscope-trace", "version": 99}');
    expect((await cli(['report', 'future.json'])).stderr).toContain('unsupported trace version 99');
    writeFileSync(join(dir, 'empty.json'), '');
    expect((await cli(['report', 'empty.json'])).stderr).toContain('the file is empty');
    const missing = await cli(['report', 'gone.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('gone.json: no such file');
  });

  it('a binary trace that is cut short, another binary file, a future version, lengths it cannot hold', async () => {
    const file = program('bin.js', "setTimeout(() => console.log('hi'), 1);\n");
    await cli(['trace', file, '--out', 'ok.lstrace', '-q']);
    const whole = readFileSync(join(dir, 'ok.lstrace'));
    // where each section's header starts: name (4 bytes), reserved, payload length (u32 low, u32 high)
    const sections = new Map<string, number>();
    for (let at = 16; at < whole.length; at += 16 + Math.ceil(whole.readUInt32LE(at + 8) / 8) * 8) sections.set(whole.toString('latin1', at, at + 4), at);
    const report = async (name: string, bytes: Uint8Array) => {
      writeFileSync(join(dir, name), bytes);
      const r = await cli(['report', name]);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
      return r.stderr;
    };
    const spoiled = (change: (b: Buffer) => void) => {
      const b = Buffer.from(whole);
      change(b);
      return b;
    };
    expect(await report('half.lstrace', whole.subarray(0, whole.length >> 1))).toMatch(/half\.lstrace: not a readable binary trace: .*was it cut short\?/);
    expect(await report('stub.lstrace', whole.subarray(0, 10))).toContain("the file is 10 bytes long, shorter than the format's 16-byte header");
    expect(await report('magic.lstrace', spoiled((b) => (b[6] = 0x0a)))).toContain("its first bytes are 89 4c 53 54 0d 0a 0a 0a, not the format's 89 4c 53 54 0d 0a 1a 0a");
    expect(await report('image.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).toContain("neither JSON nor Loopscope's binary form (its first bytes are 89 50 4e 47 0d 0a 1a 0a)");
    expect(await report('future.lstrace', spoiled((b) => b.writeUInt32LE(2, 8)))).toContain('unsupported binary trace version 2: this Loopscope reads version 1 (the file was written by a newer Loopscope');
    // absurd lengths are refused before anything is allocated for them
    const tasks = sections.get('TASK')!;
    expect(await report('huge-section.lstrace', spoiled((b) => b.writeUInt32LE(0xffff, tasks + 12)))).toMatch(/section TASK at byte \d+ claims 281470681\d+ bytes, but the file has \d+ more/);
    expect(await report('huge-table.lstrace', spoiled((b) => b.writeUInt32LE(0xffffffff, tasks + 16)))).toMatch(/table tasks claims 4294967295 rows, more than its \d+ bytes hold/);
    const strings = sections.get('STRS')!;
    expect(await report('huge-strings.lstrace', spoiled((b) => b.writeUInt32LE(0xffffffff, strings + 16)))).toMatch(/the string table claims 4294967295 strings \(0 of them escaped\), more than its \d+ bytes can index/);
    expect(await report('bad-name.lstrace', spoiled((b) => b.writeUInt32LE(0x7fffffff, tasks + 24)))).toMatch(/the name of column 0 of table tasks names string 2147483647, but the table has \d+/);
    const good = await cli(['report', 'ok.lstrace']);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('tasks       2 (main 1, timer 1)');
  });

  it('a trace whose task list is broken', async () => {
    const t = JSON.parse(readFileSync(join(dir, 'ok.json'), 'utf8'));
    t.tasks[1].queue = 'somewhere';
    writeFileSync(join(dir, 'badqueue.json'), JSON.stringify(t));
    expect((await cli(['report', 'badqueue.json'])).stderr).toContain('tasks[1].queue "somewhere" is not one of main, nextTick');
  });
});
