// The instrumenter's golden tier (seconds, no child process): each program in test/golden/instrument runs as written
// and as instrumented (races recorded) in fresh V8 contexts and must log exactly the same; the instrumented source,
// with the original line of every generated line from the source map, must equal the checked-in `.golden.js`.
// After a deliberate change of the output: UPDATE_GOLDEN=1 npx vitest run test/unit/instrument-golden.test.ts
import { describe, it, expect } from 'vitest';
import vm from 'node:vm';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TraceMap, originalPositionFor, GREATEST_LOWER_BOUND } from '@jridgewell/trace-mapping';
import { instrumentJavaScript } from '../../src/instrument/instrument';
import type { TracerRuntime } from '../../src/instrument/runtime-api';

const dir = resolve(__dirname, '..', 'golden', 'instrument');
const cases = readdirSync(dir).filter((f) => f.endsWith('.js') && !f.endsWith('.golden.js'));

/** A runtime that records what instrumented code reported; typed against the real interface. */
function recordingRuntime(events: string[]): TracerRuntime {
  let frames = 0;
  class Recording implements TracerRuntime {
    r = () => 0;
    e = (site: number) => (events.push(`enter ${site}`), ++frames);
    x = (frame: number) => void events.push(`exit ${frame}`);
    a = <T>(frame: number, site: number, v: T) => (events.push(`await ${frame}@${site}`), v);
    fa = <T>(frame: number, site: number, v?: T) => (events.push(`for-await ${frame}@${site}`), v);
    fr = (frame: number) => void events.push(`loop ${frame}`);
    y = <T>(frame: number, site: number, v: T) => (events.push(`yield ${frame}@${site}`), v);
    yr = <T>(_frame: number, v: T) => v;
    g = () => undefined;
    rv = (_f: number, site: number) => void events.push(`read ${site}`);
    wv = (_f: number, site: number) => void events.push(`write ${site}`);
    rp = (_f: number, site: number) => void events.push(`read ${site}`);
    wp = (_f: number, site: number) => void events.push(`write ${site}`);
    rm = (_f: number, site: number) => void events.push(`read ${site}`);
    wm = (_f: number, site: number) => void events.push(`write ${site}`);
    wa = (_f: number, site: number) => void events.push(`write ${site}`);
    set E(site: number) {
      events.push(`enter ${site}`);
    }
    set X(site: number) {
      events.push(`exit site ${site}`);
    }
    set C(site: number) {
      events.push(`catch site ${site}`);
    }
    set N(site: number) {
      events.push(`finally site ${site}`);
    }
    set F(frame: number) {
      events.push(`catch ${frame}`);
    }
    set RV(site: number) {
      events.push(`read ${site}`);
    }
    set WV(site: number) {
      events.push(`write ${site}`);
    }
  }
  return new Recording();
}

async function run(code: string, runtime: TracerRuntime): Promise<string[]> {
  const log: string[] = [];
  const context = vm.createContext({ __ls: runtime, log: (...a: unknown[]) => log.push(a.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ')), Promise, Map, Set, Proxy, Reflect });
  vm.runInContext(code, context, { filename: 'case.js' });
  await new Promise((r) => setTimeout(r, 20));
  return log;
}

/** The instrumented code with, at the end of each line, the original line its first mapping points to. */
function annotated(code: string, map: unknown): string {
  const trace = new TraceMap(map as never);
  return code
    .split('\n')
    .map((line, i) => {
      const first = line.search(/\S/);
      const pos = first < 0 ? null : originalPositionFor(trace, { line: i + 1, column: first });
      return pos?.line ? `${line.padEnd(100)} // ← ${pos.line}` : line;
    })
    .join('\n');
}

/**
 * Generated lines whose mappings point to another original line (statements are printed on their own lines). An
 * exception would be a function declaration whose name a `var` also declares in an async function or a generator: it
 * stays out of the body's try block, so it is printed before the statements that precede it (no case has one).
 */
const MOVED: Record<string, string[]> = {};
function movedLines(code: string, map: unknown): string[] {
  const trace = new TraceMap(map as never);
  const moved: string[] = [];
  code.split('\n').forEach((line, i) => {
    for (let column = 0; column < line.length; column++) {
      const pos = originalPositionFor(trace, { line: i + 1, column, bias: GREATEST_LOWER_BOUND });
      if (pos.line !== null && pos.line !== i + 1) {
        moved.push(`line ${i + 1} maps to line ${pos.line}`);
        return;
      }
    }
  });
  return moved;
}

describe('instrumented code behaves exactly as written', () => {
  it.each(cases)('%s', async (name) => {
    const source = readFileSync(join(dir, name), 'utf8');
    const plain = await run(source, recordingRuntime([]));
    const events: string[] = [];
    const out = instrumentJavaScript(source, `/golden/${name}`, { sourceType: 'script', races: true });
    const traced = await run(out.code, recordingRuntime(events));
    expect(plain.length).toBeGreaterThan(0);
    expect(traced).toEqual(plain);
    expect(events.some((e) => e.startsWith('enter'))).toBe(true);
    // V8's line numbers of the instrumented code are the original ones
    expect(movedLines(out.code, out.map)).toEqual(MOVED[name] ?? []);

    const golden = join(dir, name.replace(/\.js$/, '.golden.js'));
    const actual = `${annotated(out.code, out.map)}\n`;
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });
});
