// The tasks as the trace shows them: their steps, where user code scheduled them, a short label, and whether they
// are Node's own work (viewers fold those).
import type { StepKind, Task } from '../core/trace-format';
import type { Decoded } from './decode';
import type { ResourcesAndTasks } from './resources';
import type { Frames } from './frames';
import type { Steps } from './steps';
import type { QueueContents } from './queues';

const USER_STEPS = new Set<StepKind>(['call', 'await', 'resume', 'output', 'yield']);

export function finishTasks(d: Decoded, rt: ResourcesAndTasks, fr: Frames, st: Steps, qc: QueueContents): Task[] {
  const { steps } = st;
  return rt.tasks.map((span, t) => {
    const res = rt.resources;
    const r = res.row(span.asyncId);
    const startStep = st.taskStartStep[t];
    const endStep = t + 1 < rt.tasks.length ? Math.max(startStep, st.taskStartStep[t + 1] - 1) : Math.max(startStep, steps.length - 1);
    const resumes = fr.taskResumes[t];
    const main = span.queue === 'main';
    let label: string;
    if (main) label = 'main script';
    else if (resumes >= 0) label = `resume ${fr.coroutines[resumes]?.name ?? '?'}`;
    else {
      let callee: string | undefined;
      for (let s = startStep; s < Math.min(endStep + 1, startStep + 4, steps.length); s++) {
        if (steps[s].kind !== 'call') continue;
        callee = d.sites[steps[s].site]?.name;
        break;
      }
      const base = r >= 0 ? res.label(r) : span.resourceType;
      label = callee ? `${base} → ${callee}` : base;
    }
    // Node's own work: no user code ran and user code did not schedule it directly
    let internal = false;
    if (!main && resumes < 0 && !(r >= 0 && res.direct(r))) {
      internal = true;
      for (let s = startStep; s < steps.length && steps[s].task === t; s++) {
        if (USER_STEPS.has(steps[s].kind)) {
          internal = false;
          break;
        }
      }
    }
    const task: Task = {
      id: t,
      queue: span.queue,
      label,
      source: r >= 0 ? d.source(res.site[r]) : null,
      scheduledBy: span.scheduledBy,
      enqueuedAt: qc.enqueuedAt[t],
      startStep,
      endStep,
      startTime: span.startTime,
      duration: span.duration,
      resourceType: span.resourceType,
    };
    if (resumes >= 0) task.resumes = resumes;
    if (qc.enqueueInferred[t]) task.enqueueInferred = true;
    if (internal) task.internal = true;
    return task;
  });
}
