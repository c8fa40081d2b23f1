// Stage 4 of the model, continued: queue contents. Every run of a resource entered a queue at some step and left it
// when it ran (or was cancelled, or was still there at the end): one item with its enter and leave steps. What is in
// a queue at a step is then the items whose interval holds it (see src/core/stepping.ts), never a copy per step.
import type { QueueItem } from '../core/trace-format';
import type { Decoded } from './decode';
import { HANDLE_TYPES, PROMISE, queueOf, type ResourcesAndTasks } from './resources';
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
  const { resources: res, tasks } = rt;
  const items: QueueItem[] = [];
  const enqueuedAt: (number | null)[] = tasks.map(() => null);
  const enqueueInferred = new Uint8Array(tasks.length);
  for (let r = 0; r < res.count; r++) {
    const type = res.type[r];
    const isPromise = type === PROMISE;
    const runs = res.runCount(r);
    if (isPromise && runs === 0) continue;
    if (!isPromise && runs === 0 && (HANDLE_TYPES.has(type) || type === 'unknown')) continue;
    // an interval goes back into the timers queue after each run, unless it was cleared during that run
    const ends = res.runEndCount(r);
    const lastEnd = ends > 0 ? res.runEnd(r, ends - 1) : -1;
    const cancel = res.cancelEvent[r];
    const requeued = res.interval(r) && runs > 0 && ends > 0 && (cancel < 0 || cancel > lastEnd);
    const count = Math.max(1, runs) + (requeued ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const taskId = k < runs ? res.run(r, k) : null;
      let enterEvent = res.initEvent[r];
      let inferred = false;
      if (k > 0) {
        if (k - 1 < ends) enterEvent = res.runEnd(r, k - 1);
        inferred = isPromise; // a second job of one promise resolves it with a thenable
      } else if (isPromise) {
        const parent = res.trigger[r] !== res.exec[r] ? res.row(res.trigger[r]) : -1;
        if (res.awaitWrapper(r) || parent < 0) inferred = true;
        else if (res.resolveEvent[parent] >= 0) enterEvent = Math.max(res.initEvent[r], res.resolveEvent[parent]);
        else inferred = true;
      }
      const task = taskId !== null ? tasks[taskId] : null;
      const item: QueueItem = {
        id: items.length,
        queue: task ? task.queue : queueOf(type, false),
        label: res.label(r),
        task: taskId,
        enterStep: st.stepAt(enterEvent),
        leaveStep: task ? st.taskStartStep[task.id] : cancel >= 0 ? st.stepAt(cancel) : null,
        source: d.source(res.site[r]),
      };
      if (inferred) item.inferred = true;
      // a timer is due its delay after it was set, or (an interval) after its previous run started
      if (type === 'Timeout') item.due = (k === 0 || k - 1 >= runs ? res.initTime[r] : tasks[res.run(r, k - 1)].startTime) + res.delay[r] * 1000;
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
