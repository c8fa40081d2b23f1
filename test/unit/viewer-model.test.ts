// The viewer's pure logic on real traced runs: where the step controls go (with Node's internal tasks folded), the
// timeline's lanes and visible-span search, and the diagram pages with the current step highlighted.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';
import type { Trace } from '../../src/core/trace-format';
import { StepIndex, sourceOfStep, shortSource } from '../../src/core/stepping';
import { buildLanes, spansIn, type CoroutineLane, type QueueLane } from '../../src/core/timeline-lanes';
import { diagramPages, windowIndexForStep, highlightedWindowText, elementForStep } from '../../src/core/diagram-pages';
import { sequenceDiagramWindows } from '../../src/core/mermaid';

const dir = mkdtempSync(join(tmpdir(), 'loopscope-viewer-model-'));

async function trace(name: string, source: string): Promise<Trace> {
  const file = join(dir, name);
  writeFileSync(file, source);
  return (await runTraced({ entry: file, cwd: dir, stdio: 'pipe' })).trace;
}

let puzzle: Trace;
let withInternals: Trace;

beforeAll(async () => {
  puzzle = await trace(
    'puzzle.js',
    `console.log('script start');
setTimeout(() => console.log('timeout'), 0);
process.nextTick(() => console.log('nextTick'));
Promise.resolve().then(() => console.log('promise 1'));
async function main() {
  await null;
  console.log('after await');
  await new Promise((r) => setTimeout(r, 5));
  console.log('after timer');
}
main();
main();
console.log('script end');
`,
  );
  withInternals = await trace(
    'internals.mjs',
    `import { readFile } from 'node:fs/promises';
async function load() {
  const text = await readFile(new URL(import.meta.url), 'utf8');
  console.log('read', text.length > 0);
}
await load();
console.log('done');
`,
  );
}, 60_000);

describe('StepIndex', () => {
  it('moves by task to each task start and back', () => {
    const idx = new StepIndex(puzzle, { detailed: true, internals: true });
    let s = 0;
    const starts: number[] = [];
    for (;;) {
      const next = idx.nextTask(s);
      if (next === s || next === idx.lastStep) break;
      starts.push(next);
      s = next;
    }
    expect(starts).toEqual(puzzle.tasks.slice(1).map((t) => t.startStep).filter((x) => x < idx.lastStep));
    // previous task: the start of the current task first, then the task before
    const t2 = puzzle.tasks[2];
    expect(idx.previousTask(t2.startStep + 1)).toBe(t2.startStep);
    expect(idx.previousTask(t2.startStep)).toBe(puzzle.tasks[1].startStep);
    expect(idx.previousTask(0)).toBe(0);
  });

  it('finds awaits in both directions and stays put when there is none', () => {
    const idx = new StepIndex(puzzle);
    const awaits = puzzle.steps.map((s, i) => (s.kind === 'await' ? i : -1)).filter((i) => i >= 0);
    expect(awaits.length).toBe(4);
    expect(idx.nextAwait(0)).toBe(awaits[0]);
    expect(idx.nextAwait(awaits[0])).toBe(awaits[1]);
    expect(idx.nextAwait(awaits[3])).toBe(awaits[3]);
    expect(idx.previousAwait(awaits[1])).toBe(awaits[0]);
    expect(idx.previousAwait(awaits[0])).toBe(awaits[0]);
  });

  it('counts the output written up to a step', () => {
    const idx = new StepIndex(puzzle);
    const first = puzzle.output[0].step;
    expect(idx.outputCountAt(first - 1)).toBe(0);
    expect(idx.outputCountAt(first)).toBe(1);
    expect(idx.outputCountAt(idx.lastStep)).toBe(puzzle.output.length);
  });

  it('clamps out-of-range and non-finite steps', () => {
    const idx = new StepIndex(puzzle);
    expect(idx.clamp(-5)).toBe(0);
    expect(idx.clamp(1e9)).toBe(idx.lastStep);
    expect(idx.clamp(Number.NaN)).toBe(0);
    expect(idx.nextStep(idx.lastStep)).toBe(idx.lastStep);
    expect(idx.previousStep(0)).toBe(0);
  });

  it('folds a run of internal tasks into one stop, and unfolds on request', () => {
    const t = withInternals;
    const idx = new StepIndex(t, { detailed: true });
    const internalSteps = t.steps.map((s, i) => (t.tasks[s.task]?.internal ? i : -1)).filter((i) => i >= 0);
    expect(internalSteps.length).toBeGreaterThan(3);
    // walking with Right visits exactly one step of each run of internal tasks: its last, where the run is done
    const visited: number[] = [];
    for (let s = 0; ; ) {
      visited.push(s);
      const next = idx.nextStep(s);
      if (next === s) break;
      s = next;
    }
    const runEnds = internalSteps.filter((i) => !internalSteps.includes(i + 1));
    expect(visited.filter((s) => internalSteps.includes(s))).toEqual(runEnds);
    for (const s of runEnds) expect(idx.internalRun(s)!.to).toBe(s);
    expect(visited.length).toBe(idx.stopCount);
    // walking back lands on the same stops
    const back: number[] = [];
    for (let s = idx.lastStep; ; ) {
      back.push(s);
      const prev = idx.previousStep(s);
      if (prev === s) break;
      s = prev;
    }
    expect(back.reverse()).toEqual(visited);
    // a run counts as one task
    const run = idx.internalRun(runEnds[0])!;
    expect(idx.nextTask(run.to)).toBeGreaterThan(run.to);
    idx.setMode({ internals: true });
    expect(idx.nextStep(run.from)).toBe(run.from + 1);
  });

  it('by default a step is one event: calls and returns fold into it, a callback starting folds into its first event', () => {
    const idx = new StepIndex(puzzle);
    const detailed = new StepIndex(puzzle, { detailed: true, internals: true });
    expect(detailed.stopCount).toBe(puzzle.steps.length);
    expect(idx.stopCount).toBeLessThan(puzzle.steps.length);
    const stops: number[] = [];
    for (let s = idx.stopEnd(0), k = 0; k <= puzzle.steps.length; k++) {
      stops.push(s);
      expect(idx.stepNumber(s)).toBe(stops.length);
      const next = idx.nextStep(s);
      if (next === s) break;
      s = next;
    }
    expect(stops.length).toBe(idx.stopCount);
    // no stop ends at a call; a return only at the very end
    for (const s of stops.slice(0, -1)) expect(['call', 'return']).not.toContain(puzzle.steps[s].kind);
    // every print and every await is a stop of its own (nothing a person would name is skipped)
    const events = [...puzzle.output.map((o) => o.step), ...idx.awaitSteps];
    expect(new Set(events.map((s) => idx.stepNumber(s))).size).toBe(events.length);
    // a callback that prints: the stop shows it running and printing, and names both
    const nextTick = puzzle.tasks.find((t) => t.queue === 'nextTick')!;
    const printed = puzzle.output.find((o) => o.task === nextTick.id)!;
    expect(idx.stopRange(printed.step).from).toBeLessThanOrEqual(nextTick.startStep);
    expect(idx.eventsAt(printed.step).map((i) => puzzle.steps[i].kind)).toEqual(['run', 'output']);
    // numbers agree with the stops in both modes, from 1
    expect(idx.stepNumber(0)).toBe(1);
    expect(idx.stepNumber(idx.lastStep)).toBe(idx.stopCount);
    idx.setMode({ detailed: true, internals: true });
    expect(idx.stepNumber(5)).toBe(6);
  });

  it('gives the source of a step and a short name for it', () => {
    const out = puzzle.output[0];
    const src = sourceOfStep(puzzle, out.step)!;
    expect(src.line).toBe(1);
    expect(shortSource(src)).toBe('puzzle.js:1');
    expect(sourceOfStep(puzzle, 0)).toBeNull();
    expect(shortSource(null)).toBe('');
  });
});

describe('timeline lanes', () => {
  it('has a lane per queue that ran something and one per coroutine, with waits matching the awaits', () => {
    const lanes = buildLanes(puzzle);
    const queues = lanes.filter((l): l is QueueLane => l.kind === 'queue');
    const coroutines = lanes.filter((l): l is CoroutineLane => l.kind === 'coroutine');
    expect(new Set(queues.map((l) => l.queue))).toEqual(new Set(puzzle.tasks.map((t) => t.queue)));
    expect(queues.reduce((n, l) => n + l.spans.length, 0)).toBe(puzzle.tasks.length);
    expect(coroutines.map((l) => l.coroutine)).toEqual(puzzle.coroutines.map((c) => c.id));
    for (const lane of coroutines) {
      const c = puzzle.coroutines[lane.coroutine];
      expect(lane.waits.map((w) => [w.from, w.to])).toEqual(c.awaits.map((a) => [a.suspendStep, a.resumeStep]));
      expect(lane.spans[0].from).toBe(c.startStep);
      expect(lane.spans[lane.spans.length - 1].to).toBe(c.endStep);
      expect(lane.finished).toBe(true);
    }
  });

  it('spans in a lane are sorted and apart, and spansIn finds exactly the ones that intersect', () => {
    for (const lane of buildLanes(withInternals)) {
      const lists = lane.kind === 'queue' ? [lane.spans] : [lane.spans, lane.waits];
      for (const spans of lists) {
        for (let i = 1; i < spans.length; i++) expect(spans[i].from).toBeGreaterThan(spans[i - 1].to - (lane.kind === 'queue' ? 0 : 1));
        for (let from = 0; from < withInternals.steps.length; from += 7) {
          const to = from + 5;
          expect(spansIn(spans, from, to)).toEqual(spans.filter((s) => s.to >= from && s.from <= to));
        }
      }
    }
  });
});

describe('diagram pages', () => {
  it('the highlighted window is exactly the generator output for that current step, for every step and window size', () => {
    for (const t of [puzzle, withInternals]) {
      for (const size of [10, 15, 250]) {
        const pages = diagramPages(t, size);
        for (let step = 0; step < t.steps.length; step++) {
          const idx = windowIndexForStep(pages, step);
          const w = pages.windows[idx];
          expect(step).toBeGreaterThanOrEqual(w.fromStep);
          expect(step).toBeLessThanOrEqual(w.toStep);
          expect(highlightedWindowText(t, pages, idx, step)).toBe(sequenceDiagramWindows(t, { windowSize: size, currentStep: step })[idx].text);
        }
      }
    }
  });

  it('halves the window size until every window fits under the text limit', () => {
    const full = diagramPages(puzzle, 250);
    const limit = Math.max(...full.windows.map((w) => w.text.length)) - 1;
    const cut = diagramPages(puzzle, 250, limit);
    expect(cut.windowSize).toBeLessThan(250);
    expect(cut.windows.every((w) => w.text.length < limit)).toBe(true);
    expect(cut.windows.length).toBeGreaterThan(full.windows.length);
  });

  it('maps a step to the element drawn for it, or to the closest one before it', () => {
    const pages = diagramPages(puzzle, 250);
    const w = pages.windows[0];
    w.messageSteps.forEach((s, i) => expect(elementForStep(w, s)).toEqual({ kind: 'message', index: i }));
    w.noteSteps.forEach((s, i) => {
      if (!w.messageSteps.includes(s)) expect(elementForStep(w, s)).toEqual({ kind: 'note', index: i });
    });
    const quiet = puzzle.steps.findIndex((_s, i) => !w.messageSteps.includes(i) && !w.noteSteps.includes(i) && i > w.messageSteps[0]);
    const before = elementForStep(w, quiet)!;
    const stepOf = before.kind === 'message' ? w.messageSteps[before.index] : w.noteSteps[before.index];
    expect(stepOf).toBeLessThan(quiet);
  });
});
