// The one rule for which task is the main script (the program's top-level code). Applied to the tasks right after
// they are cut (stage 2), before anything names or counts them.
import { RawKind } from '../core/raw-events';
import type { Decoded } from './decode';
import type { ResourcesAndTasks } from './resources';

/**
 * The main script is the first task when the recording starts outside any callback (CommonJS: the entry runs before
 * the loop does); otherwise (an ES module, which Node evaluates inside a callback of its loader) it is the task that
 * evaluates the entry module's body. Returns its id, or -1 when the recording holds neither.
 */
export function mainScriptTask(d: Decoded, rt: ResourcesAndTasks): number {
  if (rt.tasks.length > 0 && rt.tasks[0].implicit) return 0;
  const ev = d.events;
  for (let i = 0; i < ev.count; i++) {
    if (ev.kind(i) !== RawKind.Enter) continue;
    const site = d.sites[ev.b(i)];
    if (site?.kind === 'module' && site.file === d.run.entry && rt.eventTask[i] >= 0) return rt.eventTask[i];
  }
  return -1;
}

/** Mark the main script's task: its queue is `main`, and nothing scheduled it. */
export function markMainScript(d: Decoded, rt: ResourcesAndTasks): number {
  const main = mainScriptTask(d, rt);
  if (main < 0) return main;
  const t = rt.tasks[main];
  t.queue = 'main';
  t.scheduledBy = null;
  if (t.implicit && t.resourceType === 'unknown') t.resourceType = 'main';
  return main;
}
