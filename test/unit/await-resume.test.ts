// A coroutine resumes only in the task that runs its await's continuation: the promises an await makes are told from
// the next ones its caller makes (`f(); p.then(cb)`, `run().then(cb)`), so cb's task neither resumes nor ends it.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';

const dir = mkdtempSync(join(tmpdir(), 'loopscope-await-resume-'));

async function trace(name: string, source: string) {
  writeFileSync(join(dir, name), source);
  return (await runTraced({ entry: join(dir, name), cwd: dir, stdio: 'pipe' })).trace;
}

describe('await resumption', () => {
  it.each([
    ['a native promise', 'await sleep(10)'],
    ['a plain value', 'await 1; await sleep(10)'],
  ])('awaiting %s, the caller\'s next promise is not the await\'s', async (_what, body) => {
    const t = await trace('early.js', `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function f() { ${body}; console.log('f done'); }
f().then(() => console.log('after f'));
Promise.resolve().then(() => console.log('then'));
`);
    const f = t.coroutines.find((c) => c.name.startsWith('f#'))!;
    // f ends once, in the task that printed "f done", after the task that printed "then"
    const ends = t.steps.filter((s) => s.kind === 'return' && s.coroutine === f.id);
    expect(ends).toHaveLength(1);
    const printed = (text: string) => t.steps.find((s) => s.kind === 'output' && s.text.includes(text))!;
    expect(ends[0].task).toBe(printed('f done').task);
    expect(printed('then').task).toBeLessThan(ends[0].task);
    // no step of the "then" and "after f" callbacks shows f on the stack
    for (const text of ['then', 'after f']) expect(t.steps.filter((s) => s.task === printed(text).task).every((s) => s.coroutine !== f.id)).toBe(true);
  });
});
