// The model: turns the raw recording into what a person reasons about, in named stages with typed intermediates.
//   decode            the recording's tables and an event reader                     decode.ts
//   resources, tasks  async resources, the tasks the loop ran, await links            resources.ts, main-script.ts
//   frames            call stacks, coroutines and their awaits, coroutine flows       frames.ts
//   steps, queues     steps for a viewer, output, queue items                         steps.ts, queues.ts, tasks.ts
//   analyses          findings, one module each                                       analyses/
//   join threads      a program with workers or child processes: each loop's trace    threads.ts
//                     made one, its steps ordered by the messages between loops        step-order.ts
//   analyses across   findings on the joined trace: messages nobody heard, loops      analyses/loop-messages.ts
//   loops             that never answered
import { TRACE_FORMAT, TRACE_VERSION, type Message, type Coroutine, type ProgramInfo, type StopReason, type Trace } from '../core/trace-format';
import type { RawRun } from '../core/raw-events';
import { decode, type Decoded } from './decode';
import { resourcesAndTasks } from './resources';
import { markMainScript } from './main-script';
import { framesAndCoroutines, type CoroutineSpan } from './frames';
import { stepsOf, type Steps } from './steps';
import { queueContents } from './queues';
import { finishTasks } from './tasks';
import { analyse, analyseLoops } from './analyses';
import { DEFAULT_ANALYSIS_OPTIONS, type AnalysisOptions } from './analyses/input';
import { joinThreads, mainThreadOnly, messageEvents, outputTimes, type ThreadPart } from './threads';

export type { RawRun };

export function buildTrace(run: RawRun, options: AnalysisOptions = DEFAULT_ANALYSIS_OPTIONS): Trace {
  const main = threadPart(run, 0, options);
  if (!run.threads?.length) return main.trace;
  const parts = [main];
  for (const t of run.threads) {
    const exit = t.meta.find((m) => m.t === 'exit');
    const threadRun: RawRun = { events: t.events, meta: t.meta, entry: run.entry, exitCode: exit?.t === 'exit' ? exit.code : null, signal: null, durationMs: run.durationMs };
    parts.push(threadPart(threadRun, t.thread, options));
  }
  const trace = joinThreads(parts);
  trace.findings = analyseLoops(trace, options);
  return trace;
}

/** One thread's recording through every stage. */
function threadPart(run: RawRun, thread: number, options: AnalysisOptions): ThreadPart {
  const decoded = decode(run);
  const scheduling = resourcesAndTasks(decoded);
  markMainScript(decoded, scheduling);
  const frames = framesAndCoroutines(decoded, scheduling);
  const steps = stepsOf(decoded, scheduling, frames);
  const queues = queueContents(decoded, scheduling, steps);
  const tasks = finishTasks(decoded, scheduling, frames, steps, queues);
  for (const q of queues.items) {
    if (q.task !== null ? tasks[q.task].internal : !q.source) q.internal = true;
  }
  const trace = {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    program: programInfo(decoded, steps),
    tasks,
    coroutines: frames.coroutines.map((c) => coroutineAt(c, steps)),
    output: steps.output,
    queueItems: queues.items.filter((q) => q.queue !== 'main').map((q, i) => ((q.id = i), q)),
    steps: steps.steps,
    sites: decoded.sites,
    threads: mainThreadOnly(run.entry, run.exitCode),
    messages: [] as Message[],
  } as const;
  return {
    thread,
    trace: { ...trace, findings: analyse({ trace, decoded, scheduling, frames, steps, options }) },
    meta: run.meta,
    messages: messageEvents(decoded, scheduling, steps),
    outputTimes: outputTimes(decoded),
  };
}

/** A coroutine with its moments as steps. */
function coroutineAt(c: CoroutineSpan, st: Steps): Coroutine {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    source: c.source,
    startTask: c.startTask,
    startStep: st.stepAt(c.startEvent),
    endStep: c.endEvent === null ? null : st.stepAt(c.endEvent),
    awaits: c.awaits.map((a) => ({
      source: a.source,
      suspendTask: a.suspendTask,
      resumeTask: a.resumeTask,
      suspendStep: st.stepAt(a.suspendEvent),
      resumeStep: a.resumeEvent === null ? null : st.stepAt(a.resumeEvent),
    })),
  };
}

function programInfo(d: Decoded, st: Steps): ProgramInfo {
  const { run, start, stop, error } = d;
  const program: ProgramInfo = {
    entry: run.entry,
    node: start?.node ?? 'unknown',
    argv: start?.argv ?? [],
    cwd: start?.cwd ?? '',
    exitCode: run.exitCode,
    signal: run.signal,
    stopped: (stop?.reason as StopReason | undefined) ?? run.stopped ?? null,
    durationMs: run.durationMs,
    events: d.events.count,
  };
  if (run.requests) program.requests = run.requests;
  const detail = stop?.detail ?? run.stopDetail;
  if (detail) program.stopDetail = detail;
  if (stop?.activeResources?.length) program.activeResources = stop.activeResources;
  if (error) {
    program.error = {
      origin: error.origin,
      name: error.name,
      message: error.message,
      source: error.file ? { file: error.file, line: error.line ?? 1, column: error.column ?? 1 } : null,
    };
  }
  if (st.output.some((o) => o.truncated)) program.outputTruncated = true;
  return program;
}
