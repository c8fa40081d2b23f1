// Stage 4 of the model, continued: queue contents. Every run of a resource entered a queue at some step and left it
// when it ran (or was cancelled, or was still there at the end): one item with its enter and leave steps. What is in
// a queue at a step is then the items whose interval holds it (see src/core/stepping.ts), never a copy per step.
import type { QueueItem } from '../core/trace-format';
import type { Decoded } from './decode';
import { HANDLE_TYPES, PROMISE, queueOf, scheduleLabel, type ResourcesAndTasks } from './resources';
import type { Steps } from './steps';

export interface QueueContents {
  /** every item, ordered by the step it entered its queue; an ES module's main script has one too (it ran as a
   * callback of Node's loader), which no queue shows */
  items: QueueItem[];
  /** per task: the step its item entered its queue (null: none), and whether that moment was inferred */
  enqueuedAt: (number | null)[];
  enqueueInferred: Uint8Array;
}

export function queueContents(d: Decoded, rt: ResourcesAndTasks, st: Steps): QueueContents {
  const { resources, tasks } = rt;
  const items: QueueItem[] = [];
  const enqueuedAt: (number | null)[] = tasks.map(() => null);
  const enqueueInferred = new Uint8Array(tasks.length);
  for (const r of resources.values()) {
    const isPromise = r.type === PROMISE;
    if (isPromise && r.runs.length === 0) continue;
    if (!isPromise && r.runs.length === 0 && (HANDLE_TYPES.has(r.type) || r.type === 'unknown')) continue;
    // an interval goes back into the timers queue after each run, unless it was cleared during that run
    const lastEnd = r.runEnds[r.runEnds.length - 1];
    const requeued = r.interval && r.runs.length > 0 && lastEnd !== undefined && (r.cancelEvent < 0 || r.cancelEvent > lastEnd);
    const count = Math.max(1, r.runs.length) + (requeued ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const taskId = k < r.runs.length ? r.runs[k] : null;
      let enterEvent = r.initEvent;
      let inferred = false;
      if (k > 0) {
        enterEvent = r.runEnds[k - 1] ?? r.initEvent;
        inferred = isPromise; // a second job of one promise resolves it with a thenable
      } else if (isPromise) {
        const parent = r.trigger !== r.exec ? resources.get(r.trigger) : undefined;
        if (r.awaitWrapper || !parent) inferred = true;
        else if (parent.resolveEvent >= 0) enterEvent = Math.max(r.initEvent, parent.resolveEvent);
        else inferred = true;
      }
      const task = taskId !== null ? tasks[taskId] : null;
      const item: QueueItem = {
        id: items.length,
        queue: task ? task.queue : queueOf(r.type, false),
        label: scheduleLabel(r),
        task: taskId,
        enterStep: st.stepAt(enterEvent),
        leaveStep: task ? st.taskStartStep[task.id] : r.cancelEvent >= 0 ? st.stepAt(r.cancelEvent) : null,
        source: d.source(r.site),
        ...(inferred ? { inferred: true } : {}),
      };
      if (r.type === 'Timeout') item.due = (k === 0 ? r.initTime : r.runs[k - 1] !== undefined ? tasks[r.runs[k - 1]].startTime : r.initTime) + r.delay * 1000;
      items.push(item);
      if (task) {
        enqueuedAt[task.id] = item.enterStep;
        if (inferred) enqueueInferred[task.id] = 1;
      }
    }
  }
  items.sort((a, b) => a.enterStep - b.enterStep || a.id - b.id);
  items.forEach((q, i) => (q.id = i));
  return { items, enqueuedAt, enqueueInferred };
}
