// Unhandled rejections Node announced: which promise, where user code made it (the line to fix) and where it was
// rejected; the same one many times is said once.
import type { Finding, SourceSite } from '../../core/trace-format';
import { fileName } from '../../core/paths';
import { fnName } from '../decode';
import { findingSite, type AnalysisInput } from './input';

/** Facts about one unhandled rejection Node announced. */
interface UnhandledRejection {
  name: string;
  message: string;
  /** the first user line of the reason's stack: where it was thrown or rejected */
  thrown: SourceSite | null;
  /** where user code made the promise (the async call, new Promise, Promise.reject, .then()) */
  created: SourceSite | null;
  /** when its line is not known: the function that was running when it was made, and how to name it */
  madeIn: SourceSite | null;
  madeInName: string | null;
  createdStep: number | null;
  rejectedStep: number | null;
  /** the coroutine whose promise it is, if it is an async function's */
  coroutine: number | null;
  /** the program's own process.on('unhandledRejection') listener got it */
  listened: boolean;
}

function rejections({ trace, decoded: d, scheduling, frames, steps }: AnalysisInput): UnhandledRejection[] {
  const { sites } = d;
  return steps.unhandledAt.map(({ promise, meta, step }) => {
    const m = d.unhandled.get(meta);
    const res = scheduling.resources;
    const r = res.row(promise);
    const frame = scheduling.framePromise.get(promise);
    const co = frame !== undefined ? frames.frameCoroutine.get(frame) : undefined;
    const madeFrame = frames.madeInFrame.get(promise);
    const madeSite = madeFrame !== undefined ? (frames.frameSite.get(madeFrame) ?? -1) : -1;
    const madeIn = r >= 0 && res.site[r] < 0 ? d.source(madeSite) : null;
    return {
      name: m?.name ?? 'Error',
      message: m?.message ?? '',
      thrown: m?.file ? { file: m.file, line: m.line ?? 1, column: m.column ?? 1 } : null,
      created: r >= 0 ? d.source(res.site[r]) : null,
      madeIn,
      madeInName: !madeIn ? null : sites[madeSite].kind === 'module' ? `the top-level code of ${fileName(madeIn.file)}` : `${fnName(sites, madeSite)} (line ${madeIn.line}, ${fileName(madeIn.file)})`,
      // an async call's promise: the step where the call starts; another promise: the last step before it was made
      createdStep: co !== undefined && trace.coroutines[co] ? trace.coroutines[co].startStep : r >= 0 ? steps.stepAt(res.initEvent[r]) : null,
      rejectedStep: r >= 0 && res.resolveEvent[r] >= 0 ? steps.stepAt(res.resolveEvent[r]) : step,
      coroutine: co ?? null,
      listened: m?.listened === true,
    };
  });
}

export function unhandledRejections(input: AnalysisInput): Finding[] {
  const { trace } = input;
  const p = trace.program;
  const all = rejections(input);
  const ended = p.error?.origin === 'unhandledRejection';
  const same = new Map<string, Finding & { count: number }>();
  all.forEach((r, k) => {
    const at = (s: SourceSite | null) => (s ? `${s.file}:${s.line}:${s.column}` : '?');
    const key = `${at(r.created)}|${at(r.thrown)}|${r.name}: ${r.message}`;
    const again = same.get(key);
    if (again) {
      again.count++;
      return;
    }
    if (same.size >= 20) return;
    const co = r.coroutine !== null ? trace.coroutines[r.coroutine] : undefined;
    const made = r.created
      ? co
        ? `It is the promise of the call to ${co.name} made at line ${r.created.line} (${fileName(r.created.file)}).`
        : `The promise was made at line ${r.created.line} (${fileName(r.created.file)}).`
      : r.madeIn
        ? `${co ? `It is the promise of a call to ${co.name}` : 'The promise was made'} in ${r.madeInName}.`
        : co
          ? `It is the promise of ${co.name}, called from Node or a library rather than from your code.`
          : 'The promise was made by Node or a library, not by your code.';
    same.set(key, {
      kind: 'unhandled-rejection',
      message: `A promise was rejected and nothing handled it (${r.name}: ${r.message})${ended && k === all.length - 1 ? '; Node ended the program' : r.listened ? "; only the program's process-wide 'unhandledRejection' listener saw it" : ''}. ${made} Await it inside a try/catch, or add .catch() where it is made.`,
      ...(co ? { coroutines: [co.id] } : {}),
      sites: [...findingSite(r.created ?? r.madeIn, 'created', r.createdStep), ...findingSite(r.thrown, 'rejection', r.rejectedStep)],
      count: 1,
    });
  });
  const out: Finding[] = [];
  for (const { count, ...f } of same.values()) out.push(count > 1 ? { ...f, message: `${f.message} (This happened ${count} times.)` } : f);
  if (ended && all.length === 0) {
    // a Node that did not say which promise: the reason is all there is
    out.push({
      kind: 'unhandled-rejection',
      message: `A promise was rejected and nothing handled it (${p.error!.name}: ${p.error!.message}); Node ended the program. Await the promise inside a try/catch, or add .catch() where it is created.`,
      sites: findingSite(p.error!.source, 'rejection'),
    });
  }
  return out;
}
