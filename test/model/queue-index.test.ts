// The queue index answers "what is queued at this step" from checkpoints, in time proportional to what is queued;
// on every recorded corpus run and at every step it must give exactly what the plain definition gives.
import { describe, it, expect } from 'vitest';
import { buildTrace } from '../../src/model';
import { QueueIndex } from '../../src/core/timeline';
import type { QueueItem, Trace } from '../../src/core/trace-format';
import { listRecordings, readRecording } from './recordings';

const ids = (items: QueueItem[]) => items.map((i) => i.id);
const byEnter = (trace: Trace) => [...trace.queueItems].sort((a, b) => a.enterStep - b.enterStep || a.id - b.id);

describe('QueueIndex', () => {
  const traces = listRecordings().map((r) => [r.name, buildTrace(readRecording(r.dir))] as const);

  it.each(traces)('%s: at its steps, with checkpoints every step and every 5 steps', (_name, trace) => {
    const ordered = byEnter(trace);
    for (const every of [1, 5]) {
      const index = new QueueIndex(trace, every);
      // every step of a small trace; about 300 steps spread over a big one (the plain definition costs the whole trace)
      const stride = Math.max(1, Math.floor(trace.steps.length / 300));
      for (let step = 0; step < trace.steps.length; step += stride) {
        const queued = ordered.filter((i) => i.enterStep <= step && (i.leaveStep === null || i.leaveStep > step));
        expect(ids(index.queuedAt(step))).toEqual(ids(queued));
        expect(ids(index.leftAt(step))).toEqual(ids(trace.queueItems.filter((i) => i.leaveStep === step)));
        const from = Math.max(0, step - 5);
        expect(ids(index.enteredBetween(from, step))).toEqual(ids(ordered.filter((i) => i.enterStep >= from && i.enterStep <= step)));
      }
    }
  });
});
