// The model's golden tier: every corpus program's raw recording (test/model/recordings, made once by
// scripts/record-model.mjs) goes through the model, and the trace must equal the checked-in golden
// (test/model/golden). No program runs, so it takes seconds. After a deliberate change to the model, rewrite the
// goldens with `npx vitest run --project core -u` and review the diff like code.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { buildTrace } from '../../src/model';
import { validateTrace, type Trace } from '../../src/core/trace-format';
import { GOLDENS, listRecordings, readRecording } from './recordings';

/** JSON with one array element per line: small enough to check in, and a diff names the task or step that changed. */
export function goldenText(trace: Trace): string {
  const lines = ['{'];
  const keys = Object.keys(trace) as (keyof Trace)[];
  keys.forEach((key, k) => {
    const value = trace[key];
    const comma = k < keys.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0) {
      lines.push(`${JSON.stringify(key)}: [`);
      value.forEach((v, i) => lines.push(`  ${JSON.stringify(v)}${i < value.length - 1 ? ',' : ''}`));
      lines.push(`]${comma}`);
    } else lines.push(`${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
  });
  lines.push('}', '');
  return lines.join('\n');
}

const recordings = listRecordings();

describe('the model on recorded runs', () => {
  it('has the recordings of the corpora', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(90);
  });

  it.each(recordings.map((r) => [r.name, r] as const))('%s', async (name, rec) => {
    const trace = buildTrace(readRecording(rec.dir));
    validateTrace(JSON.parse(JSON.stringify(trace)));
    await expect(goldenText(trace)).toMatchFileSnapshot(join(GOLDENS, `${name}.json`));
  });
});
