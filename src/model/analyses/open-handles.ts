// What was still keeping the program alive when it was stopped at the time limit, and where user code made it.
import type { Finding } from '../../core/trace-format';
import { findingSite, type AnalysisInput } from './input';

export function openHandles({ trace }: AnalysisInput): Finding[] {
  const p = trace.program;
  if (p.stopped !== 'timeout' || !p.activeResources?.length) return [];
  // the places that created what was still pending: timers and immediates never run or cleared, open handles
  const pending = trace.queueItems.filter((q) => q.task === null && q.leaveStep === null && q.source);
  const servers = trace.tasks.filter((t) => /^(TCPSERVERWRAP|PIPESERVERWRAP)$/.test(t.resourceType) && t.source);
  const made = [...pending.map((q) => ({ at: q.source, step: q.enterStep })), ...servers.map((t) => ({ at: t.source, step: t.startStep }))];
  const sites = made
    .filter((m, i) => m.at !== null && made.findIndex((o) => o.at?.file === m.at!.file && o.at?.line === m.at!.line) === i)
    .flatMap((m) => findingSite(m.at, 'keeps-alive', m.step));
  const counts = new Map<string, number>();
  for (const r of p.activeResources) counts.set(r, (counts.get(r) ?? 0) + 1);
  const list = [...counts].map(([r, c]) => (c > 1 ? `${c} × ${r}` : r)).join(', ');
  return [
    {
      kind: 'open-handles',
      message: `The program was still running at the time limit because of ${list}. Close what you open when you are done (server.close(), clearInterval(), socket.end()), or unref() what should not keep the program alive.`,
      sites,
    },
  ];
}
