// The race detector against the race corpus: every program with a known race reports exactly its findings, with the
// read (or check), the await and the stale write (or act) on the marked lines; every safe program reports nothing.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';

const dir = resolve(__dirname);
const programs = readdirSync(dir).filter((f) => /^[rs]\d\d-.*\.(m|c)?js$/.test(f)).sort();

function expectations(file: string) {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  return lines.flatMap((l) => {
    const m = /^\/\/ expect: (\S+)(?: (\S+))?/.exec(l);
    return m && m[1] !== 'none' ? [`${m[1]} ${m[2]}`] : [];
  });
}

/** the lines of a file (the program, or a helper module it loads) that carry `// ... mark` */
function marked(path: string, mark: string): number[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  return lines.flatMap((l, i) => (l.includes('//') && new RegExp(`// .*\\b${mark}\\b`).test(l.slice(l.indexOf('//'))) ? [i + 1] : []));
}

describe('race corpus', () => {
  it('has at least 15 races and 15 non-races', () => {
    expect(programs.filter((p) => p.startsWith('r')).length).toBeGreaterThanOrEqual(15);
    expect(programs.filter((p) => p.startsWith('s')).length).toBeGreaterThanOrEqual(15);
  });

  // one at a time: the programs race on timers, and a loaded machine shifts timers
  it.each(programs)('%s', async (file) => {
    const expected = expectations(file);
    let stdout = '';
    const { trace, exitCode } = await runTraced({ entry: join(dir, file), cwd: dir, stdio: 'pipe', onOutput: (s, c) => s === 'stdout' && (stdout += c) });
    expect(exitCode).toBe(0);
    expect(stdout.length).toBeGreaterThan(0);
    // the corpus speaks of races; other findings (blocked loop, sequential awaits...) are tested elsewhere
    const RACES = new Set(['lost-update', 'check-then-act', 'stale-read']);
    const got = trace.findings.filter((f) => RACES.has(f.kind)).map((f) => `${f.kind} ${f.location}`).sort();
    expect(got).toEqual([...expected].sort());
    for (const f of trace.findings.filter((x) => RACES.has(x.kind))) {
      // the site's line carries the mark, in the file the site names (a helper module's accesses are in that module)
      const expectMarked = (role: string, mark: string) => {
        const site = f.sites.find((s) => s.role === role);
        expect(site, `${f.kind}: no ${role} site`).toBeDefined();
        expect(marked(site!.file, mark)).toContain(site!.line);
      };
      if (f.kind === 'lost-update') {
        expectMarked('read', 'read');
        expectMarked('stale-write', 'write');
      } else if (f.kind === 'check-then-act') {
        expectMarked('check', 'check');
        expectMarked('act', 'act');
      } else if (f.kind === 'stale-read') {
        expectMarked('read', 'read');
      }
      expect(f.coroutines?.length).toBe(2);
      expect(f.coroutines![0]).not.toBe(f.coroutines![1]);
      expect(f.message.length).toBeGreaterThan(40);
    }
  });
});
