// Each analysis on a synthetic run, and the finding kinds table against every finding the goldens hold.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTrace } from '../../src/model';
import { FINDING_KINDS, primarySite } from '../../src/core/findings';
import type { Finding } from '../../src/core/trace-format';
import { ENTRY, Recording } from './synthetic';
import { GOLDENS, listRecordings } from './recordings';

describe('analyses on synthetic runs', () => {
  it('blocked loop: a callback that ran 250 ms, but not the main script', () => {
    const r = new Recording();
    const [crunch, call] = r.sites(ENTRY, [
      { kind: 'function', name: 'crunch', line: 1, column: 12 },
      { kind: 'call', line: 1, column: 1 },
    ]);
    r.init(10, 'Timeout', 1, 1, 1);
    r.time += 300_000; // the main script's own 300 ms block nothing: the loop had nothing else to run yet
    r.scheduledAt(10, call, 3);
    r.before(10);
    r.enter(2, crunch);
    r.time += 250_000;
    r.exit(2);
    r.after(10);
    const f = buildTrace(r.run()).findings;
    expect(f.map((x) => [x.kind, x.sites.map((s) => [s.role, s.line, s.step])])).toEqual([['blocked-loop', [['blocking-task', 1, 2]]]]);
    expect(f[0].message).toMatch(/blocked for 250 ms/);
  });

  it('starvation: a timer late by 100 ms while microtasks ran back to back', () => {
    const r = new Recording();
    const [call] = r.sites(ENTRY, [{ kind: 'call', line: 1, column: 1 }]);
    r.init(10, 'Timeout', 1, 1, 5);
    r.scheduledAt(10, call, 3);
    r.time += 5000;
    for (let k = 0; k < 10; k++) {
      r.init(100 + k, 'Microtask');
      r.before(100 + k);
      r.time += 10_500;
      r.after(100 + k);
    }
    r.before(10);
    r.after(10);
    const f = buildTrace(r.run()).findings;
    expect(f.map((x) => x.kind)).toEqual(['starvation']);
    expect(f[0].sites[0]).toMatchObject({ role: 'starved-timer', line: 1 });
  });

  it('a lost update: read, await, another coroutine writes, then the write from the old read', () => {
    const r = new Recording();
    const [fn, awaitSite, read, write] = r.sites(ENTRY, [
      { kind: 'function', name: 'add', line: 2, column: 1, async: true },
      { kind: 'await', line: 4, column: 3 },
      { kind: 'kept', name: 'total', line: 3, column: 13 },
      { kind: 'write', name: 'total', line: 5, column: 3 },
    ]);
    // two calls of add(): each reads total, awaits, writes total
    for (const frame of [1, 2]) {
      r.init(10 + frame, 'PROMISE', 1, 1);
      r.enter(frame, fn);
      r.access(frame, read, -1, false);
      r.await(frame, awaitSite);
      r.init(20 + frame, 'PROMISE', 30 + frame, 1);
    }
    for (const frame of [1, 2]) {
      r.before(20 + frame);
      r.access(frame, write, -1, true);
      r.exit(frame);
      r.after(20 + frame);
    }
    const f = buildTrace(r.run()).findings;
    expect(f.map((x) => [x.kind, x.location, x.coroutines, x.sites.map((s) => [s.role, s.line])])).toEqual([
      [
        'lost-update',
        'total',
        [1, 0],
        [
          ['read', 3],
          ['suspend', 4],
          ['other-write', 5],
          ['stale-write', 5],
        ],
      ],
    ]);
    // the sentence names who did what, and says that this run's interleaving decided it
    expect(f[0].message).toMatch(/^Lost update on total: add#2 read it at line 3 and awaited at line 4; meanwhile add#1 wrote it at line 5; then add#2 wrote at line 5 /);
    expect(f[0].message).toContain('Seen in this run: the order of the two depends on timing');
  });

  it('a floating promise: an async call nobody awaited, still running when its creator finished', () => {
    const r = new Recording();
    const [outer, inner, awaitSite] = r.sites(ENTRY, [
      { kind: 'function', name: 'signup', line: 1, column: 1, async: true },
      { kind: 'function', name: 'sendEmail', line: 5, column: 1, async: true },
      { kind: 'await', line: 6, column: 3 },
    ]);
    r.init(10, 'PROMISE', 1, 1);
    r.enter(1, outer);
    r.init(11, 'PROMISE', 1, 1);
    r.enter(2, inner);
    r.await(2, awaitSite);
    r.init(12, 'PROMISE', 40, 1);
    r.exit(1);
    r.before(12);
    r.exit(2);
    r.after(12);
    const f = buildTrace(r.run()).findings;
    expect(f.map((x) => [x.kind, x.coroutines, x.sites.map((s) => [s.role, s.line])])).toEqual([
      [
        'floating-promise',
        [1, 0],
        [
          ['floating', 5],
          ['creator', 1],
        ],
      ],
    ]);
  });

  it('an unhandled rejection Node announced: where the promise was made and where it was rejected', () => {
    const r = new Recording();
    const [call] = r.sites(ENTRY, [{ kind: 'call', line: 7, column: 1 }]);
    r.init(10, 'PROMISE', 1, 1);
    r.scheduledAt(10, call, 0);
    r.resolve(10);
    r.meta.push({ t: 'unhandled', index: 0, name: 'Error', message: 'boom', file: ENTRY, line: 3, column: 9 });
    r.event(17 /* Unhandled */, 10, 0);
    const f = buildTrace(r.run()).findings;
    expect(f.map((x) => [x.kind, x.sites.map((s) => [s.role, s.line])])).toEqual([
      [
        'unhandled-rejection',
        [
          ['created', 7],
          ['rejection', 3],
        ],
      ],
    ]);
    expect(f[0].message).toContain('(Error: boom)');
  });

  it('open handles: only when stopped at the time limit, naming where the pending timer was made', () => {
    const r = new Recording();
    const [call] = r.sites(ENTRY, [{ kind: 'call', line: 2, column: 1 }]);
    r.init(10, 'Timeout', 1, 1, -2 - 100);
    r.scheduledAt(10, call, 3);
    expect(buildTrace(r.run()).findings).toEqual([]);
    r.meta.push({ t: 'stop', reason: 'timeout', detail: 'time limit', activeResources: ['Timeout'] });
    const f = buildTrace(r.run()).findings;
    expect(f.map((x) => [x.kind, x.sites.map((s) => [s.role, s.line])])).toEqual([['open-handles', [['keeps-alive', 2]]]]);
  });
});

describe('finding kinds', () => {
  const all: Finding[] = listRecordings().flatMap((r) => (JSON.parse(readFileSync(join(GOLDENS, `${r.name}.json`), 'utf8')) as { findings: Finding[] }).findings);

  it('the goldens hold every kind of finding', () => {
    expect(new Set(all.map((f) => f.kind))).toEqual(new Set(Object.keys(FINDING_KINDS)));
  });

  it("every finding's sites have roles of its kind, and it is shown on its kind's primary role when it has one", () => {
    for (const f of all) {
      const kind = FINDING_KINDS[f.kind];
      for (const s of f.sites) expect(kind.roles as readonly string[], f.kind).toContain(s.role);
      if (f.sites.some((s) => s.role === kind.primary)) expect(primarySite(f)?.role).toBe(kind.primary);
    }
  });
});
