// Stage 3 of the model: frames, coroutines and awaits. A walk over the events with the call stack of each task
// finds every call of an async function (a coroutine), each of its awaits and which task resumed it, who started
// whom, and which coroutine's flow each shared-state access belongs to. Moments are event indexes here; the steps
// stage turns them into step numbers.
import { RawKind } from '../core/raw-events';
import type { Coroutine, SourceSite } from '../core/trace-format';
import { fileName } from '../core/paths';
import type { Decoded, FunctionSite } from './decode';
import type { ResourcesAndTasks } from './resources';
import { IdMap } from './id-map';

export interface AwaitSpan {
  source: SourceSite;
  suspendTask: number;
  resumeTask: number | null;
  suspendEvent: number;
  resumeEvent: number | null;
}

export interface CoroutineSpan {
  id: number;
  name: string;
  kind: Coroutine['kind'];
  source: SourceSite;
  startTask: number;
  startEvent: number;
  endEvent: number | null;
  awaits: AwaitSpan[];
}

/** What a coroutine's flow did, in recording order: the input of the race analysis and of sequential awaits. */
export type FlowEvent =
  | { what: 'await'; flow: number; event: number; site: number }
  | { what: 'resume'; flow: number; event: number }
  | { what: 'access'; flow: number; event: number; site: number; loc: string; write: boolean };

export interface Frames {
  coroutines: CoroutineSpan[];
  /** frame -> its coroutine */
  frameCoroutine: IdMap;
  /** frame -> the site of its function */
  frameSite: IdMap;
  /** coroutine -> the coroutine that started it, and its own frame */
  callerOf: Map<number, { caller: number; frame: number }>;
  /** per task: the coroutine it resumed after an await, or -1 */
  taskResumes: Int32Array;
  /** per event: the call stack's depth after it */
  depth: Int32Array;
  /** per event: the coroutine its step concerns, or -1 */
  coroutine: Int32Array;
  /** per event that acts on a frame (return, yield, resume): that frame's site, or -1 */
  frameSiteAt: Int32Array;
  /** per LoopResume event: 1 when it resumed the loop (the frame was not running already) */
  loopResumed: Uint8Array;
  /** promise nobody handled -> the frame that was running when it was made */
  madeInFrame: Map<number, number>;
  /** what each coroutine flow did; a coroutine awaited directly by another is part of that one's flow (named by its
   * root frame) */
  flowLog: FlowEvent[];
}

export function framesAndCoroutines(d: Decoded, rt: ResourcesAndTasks): Frames {
  const ev = d.events;
  const n = ev.count;
  const sites = d.sites as FunctionSite[];
  const { tasks, resources, eventTask, awaitedBy, unhandledPromises } = rt;
  const coroutines: CoroutineSpan[] = [];
  const frameCoroutine = new IdMap();
  const frameSite = new IdMap();
  const callerOf = new Map<number, { caller: number; frame: number }>();
  const callCount = new Map<number, number>();
  const madeInFrame = new Map<number, number>();
  const flowLog: FlowEvent[] = [];
  const taskResumes = new Int32Array(tasks.length).fill(-1);
  const depth = new Int32Array(n);
  const coroutineAt = new Int32Array(n).fill(-1);
  const frameSiteAt = new Int32Array(n).fill(-1);
  const loopResumed = new Uint8Array(n);
  const stack: number[] = [];

  const coroutineFor = (frame: number, site: number, i: number, task: number): number => {
    const existing = frameCoroutine.get(frame);
    if (existing !== undefined) return existing;
    const s = sites[site];
    if (!s) return -1;
    const nth = (callCount.get(site) ?? 0) + 1;
    callCount.set(site, nth);
    const id = coroutines.length;
    coroutines.push({
      id,
      name: s.kind === 'module' ? `module ${fileName(s.file)}` : `${s.name ?? '<anonymous>'}#${nth}`,
      kind: s.kind === 'module' ? 'module' : s.generator ? 'async generator' : 'async function',
      // one source object per site (decode's), unless the site has no file
      source: d.source(site) ?? { file: s.file, line: s.line, column: s.column },
      startTask: task,
      startEvent: i,
      endEvent: null,
      awaits: [],
    });
    frameCoroutine.set(frame, id);
    return id;
  };
  const flowOf = (frame: number): number => {
    let f = frame;
    for (let guard = 0; awaitedBy.has(f) && guard < 1000; guard++) f = awaitedBy.get(f)!;
    return f;
  };
  /** the flow whose code is running: that of the innermost coroutine frame on the stack */
  const runningFlow = (frame: number): number => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (frameCoroutine.has(stack[k])) return flowOf(stack[k]);
    }
    return frameCoroutine.has(frame) ? flowOf(frame) : -1;
  };
  /** a coroutine waits on one await at a time: its last one is the one that resumes */
  const resumeLastAwait = (c: number, task: number, i: number) => {
    const awaits = coroutines[c].awaits;
    const last = awaits[awaits.length - 1];
    if (last && last.resumeTask === null) {
      last.resumeTask = task;
      last.resumeEvent = i;
    }
  };

  let taskIdx = -1;
  for (let i = 0; i < n; i++) {
    const task = eventTask[i];
    if (task !== taskIdx && task >= 0 && tasks[task].startEvent === i) {
      // a new task starts: the stack is empty again
      taskIdx = task;
      stack.length = 0;
      const r = resources.row(tasks[task].asyncId);
      const c = r >= 0 && resources.awaited(r) ? frameCoroutine.get(resources.awaitFrame[r]) : undefined;
      if (c !== undefined) {
        const frame = resources.awaitFrame[r];
        taskResumes[task] = c;
        stack.push(frame);
        resumeLastAwait(c, task, i);
        flowLog.push({ what: 'resume', flow: flowOf(frame), event: i });
        depth[i] = stack.length;
        coroutineAt[i] = c;
        continue;
      }
    }
    switch (ev.kind(i)) {
      case RawKind.Enter: {
        const frame = ev.a(i);
        const site = ev.b(i);
        frameSite.set(frame, site);
        const s = sites[site];
        let c = -1;
        if (s && s.async && s.kind === 'function') {
          // the coroutine whose code made this call (before this frame is on the stack)
          let caller = -1;
          for (let k = stack.length - 1; k >= 0 && caller < 0; k--) caller = frameCoroutine.get(stack[k]) ?? -1;
          c = coroutineFor(frame, site, i, task);
          if (caller >= 0 && c >= 0) callerOf.set(c, { caller, frame });
        }
        stack.push(frame);
        coroutineAt[i] = c;
        break;
      }
      case RawKind.Exit: {
        const frame = ev.a(i);
        const at = stack.lastIndexOf(frame);
        if (at >= 0) stack.length = at;
        const c = frameCoroutine.get(frame) ?? -1;
        if (c >= 0) coroutines[c].endEvent = i;
        coroutineAt[i] = c;
        frameSiteAt[i] = frameSite.get(frame) ?? -1;
        break;
      }
      case RawKind.Await: {
        const frame = ev.a(i);
        const site = ev.b(i);
        const c = coroutineFor(frame, frameSite.get(frame) ?? site, i, task);
        const at = stack.lastIndexOf(frame);
        if (at >= 0) stack.length = at;
        if (c >= 0) {
          const src = d.source(site);
          if (src) coroutines[c].awaits.push({ source: src, suspendTask: task, resumeTask: null, suspendEvent: i, resumeEvent: null });
          flowLog.push({ what: 'await', flow: flowOf(frame), event: i, site });
        }
        coroutineAt[i] = c;
        break;
      }
      case RawKind.LoopResume: {
        const frame = ev.a(i);
        if (!stack.includes(frame)) {
          stack.push(frame);
          const c = frameCoroutine.get(frame) ?? -1;
          if (c >= 0) resumeLastAwait(c, task, i);
          loopResumed[i] = 1;
          coroutineAt[i] = c;
          frameSiteAt[i] = frameSite.get(frame) ?? -1;
          if (c >= 0) flowLog.push({ what: 'resume', flow: flowOf(frame), event: i });
        }
        break;
      }
      case RawKind.Yield: {
        const frame = ev.a(i);
        const at = stack.lastIndexOf(frame);
        if (at >= 0) stack.length = at;
        coroutineAt[i] = frameCoroutine.get(frame) ?? -1;
        frameSiteAt[i] = frameSite.get(frame) ?? -1;
        break;
      }
      case RawKind.YieldResume: {
        const frame = ev.a(i);
        if (!stack.includes(frame)) stack.push(frame);
        coroutineAt[i] = frameCoroutine.get(frame) ?? -1;
        frameSiteAt[i] = frameSite.get(frame) ?? -1;
        break;
      }
      case RawKind.Init: {
        // the function that made a promise nobody handled, for when its line was not captured
        const id = ev.a(i);
        if (unhandledPromises.has(id) && stack.length > 0 && resources.row(id) >= 0) madeInFrame.set(id, stack[stack.length - 1]);
        break;
      }
      case RawKind.Access: {
        const flow = runningFlow(ev.a(i));
        // a location: a variable (by its declaration's site) or an object's key
        const loc = () => (ev.c(i) < 0 ? `v${-1 - ev.c(i)}` : `o${ev.c(i)}:${ev.d(i)}`);
        if (flow >= 0) flowLog.push({ what: 'access', flow, event: i, site: ev.b(i), loc: loc(), write: ev.e(i) === 1 });
        break;
      }
      default:
        break;
    }
    depth[i] = stack.length;
  }
  return { coroutines, frameCoroutine, frameSite, callerOf, taskResumes, depth, coroutine: coroutineAt, frameSiteAt, loopResumed, madeInFrame, flowLog };
}
