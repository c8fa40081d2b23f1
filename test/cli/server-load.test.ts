// A server traced under load: the requests next to the program are sent at once when it listens, the server is
// stopped once they are answered, each request runs as its own coroutine, and the race shows (or, fixed, does not).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseTrace } from '../../src/core/trace-format';
import { testNodes } from '../../scripts/nodes.mjs';

const root = resolve(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'loopscope-load-'));

const nodes = testNodes(root) as { major: number; path: string }[];

function trace(program: string, extra: string[] = [], name = program) {
  const json = join(dir, `${name}.json`);
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.cjs'), 'trace', join(root, 'examples', program), '--json', json, ...extra], { encoding: 'utf8' });
  return { r, trace: r.status === 0 || r.status === 1 ? parseTrace(readFileSync(json, 'utf8')) : null };
}

describe('a server under load', () => {
  it('two concurrent requests interleave at the await and lose an update', () => {
    const { r, trace: t } = trace('counter-server.mjs');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('requests from');
    expect(t!.program.requests!.map((q) => [q.method, q.path, q.status])).toEqual([
      ['GET', '/visit', 200],
      ['GET', '/visit', 200],
    ]);
    // both answered "visit number 1": the second request overwrote the first one's count
    expect(t!.program.requests!.map((q) => q.body.trim())).toEqual(['visit number 1', 'visit number 1']);
    expect(t!.program.stopped).toBeNull();
    // each request is its own coroutine lane
    const handlers = t!.coroutines.filter((c) => c.name.startsWith('createServer callback#'));
    expect(handlers).toHaveLength(2);
    expect(t!.findings.map((f) => `${f.kind} ${f.location}`)).toEqual(['lost-update this.visits']);
    // the finding names the requests, as the timeline names their lanes
    expect(t!.findings[0].message).toMatch(/^Lost update on this\.visits: GET \/visit #\d read it at line \d+ and awaited at line \d+; meanwhile GET \/visit #\d wrote it/);
  });

  // The fix is a node:sqlite transaction where the Node has node:sqlite (22.5+), a lock where it does not (Node 20).
  it.each(nodes)('fixed on Node $major: no finding, both visits counted', ({ major, path }) => {
    const { r, trace: t } = trace('counter-server-fixed.mjs', ['--node', path], `fixed-${major}`);
    expect(r.status).toBe(0);
    expect(t!.program.node).toMatch(new RegExp(`^v${major}\\.`));
    const fix = t!.output.find((o) => o.text.startsWith('the fix: '))?.text.trim();
    expect(fix).toBe(major >= 22 ? 'the fix: a transaction on node:sqlite' : 'the fix: a lock (this Node has no node:sqlite)');
    expect(t!.program.requests!.map((q) => q.body.trim()).sort()).toEqual(['visit number 1', 'visit number 2']);
    expect(t!.findings).toEqual([]);
  });

  it('works with a framework installed in the project (Express): each request its own coroutine, the race found', () => {
    const json = join(dir, 'express.json');
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.cjs'), 'trace', join(__dirname, 'fixtures', 'express-cart.js'), '--json', json], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const t = parseTrace(readFileSync(json, 'utf8'));
    expect(t.program.requests!.map((q) => [q.status, q.body])).toEqual([
      [200, '{"items":1}'],
      [200, '{"items":1}'],
    ]);
    expect(t.coroutines.filter((c) => c.name.startsWith('post callback#'))).toHaveLength(2);
    expect(t.findings.map((f) => `${f.kind} ${f.location}`)).toEqual(['lost-update cart.items']);
    // Express itself is not instrumented (node_modules), but its async activity is in the trace
    expect(t.sites.some((s) => s.file.includes('/node_modules/express/'))).toBe(false);
  });

  it('a bad requests file is refused with a clear message', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[{"method": "GET"}]');
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.cjs'), 'trace', join(root, 'examples', 'counter-server.mjs'), '--requests', bad], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('request 1 needs a "path" starting with "/"');
  });
});
