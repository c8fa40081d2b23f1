// The short text the CLI prints after a run: what ran, from which queues, and why it stopped.
import { QUEUES, type Task, type Trace } from './trace-format';
import { primarySite } from './findings';

export function summarize(trace: Trace): string {
  const p = trace.program;
  const awaits = trace.coroutines.reduce((s, c) => s + c.awaits.length, 0);
  const lines = [
    `loopscope: ${p.entry} on Node ${p.node}`,
    `  tasks       ${trace.tasks.length} (${byQueue(trace.tasks)})${internalNote(trace)}`,
    `  coroutines  ${trace.coroutines.length}, awaits ${awaits}`,
    `  output      ${trace.output.length} write${trace.output.length === 1 ? '' : 's'}${p.outputTruncated ? ' (text cut to fit the trace)' : ''}`,
    `  events      ${p.events}, steps ${trace.steps.length}, ${p.durationMs} ms`,
  ];
  if (trace.threads.length > 1) lines.push(...perLoop(trace));
  if (p.stopped) {
    lines.push(`  STOPPED     ${p.stopped}: ${p.stopDetail ?? ''}; the trace up to that point is kept`);
    if (p.activeResources?.length) lines.push(`  still open  ${summarizeResources(p.activeResources)}`);
  }
  if (p.error) {
    const at = p.error.source ? ` at ${p.error.source.file}:${p.error.source.line}:${p.error.source.column}` : '';
    lines.push(`  ${p.error.origin === 'unhandledRejection' ? 'unhandled rejection' : 'uncaught exception'}: ${p.error.name}: ${p.error.message}${at}`);
  }
  if (p.requests) lines.push(`  server      traced under load: ${p.requests.length} request${p.requests.length === 1 ? '' : 's'} sent at once, ${p.stopDetail ?? ''}`);
  lines.push(`  exit        ${p.exitCode ?? `signal ${p.signal}${p.requests ? ' (sent by Loopscope to stop the server)' : ''}`}`);
  if (trace.findings.length) {
    lines.push('', `findings (${trace.findings.length}):`);
    for (const f of trace.findings) {
      const at = primarySite(f);
      lines.push(`  ${f.kind}${f.location ? ` ${f.location}` : ''}${at ? ` at ${at.file}:${at.line}` : ''}`, `    ${f.message}`);
    }
  }
  return lines.join('\n');
}

function byQueue(tasks: Task[]): string {
  const perQueue = QUEUES.map((q) => [q, tasks.filter((t) => t.queue === q).length] as const).filter(([, c]) => c > 0);
  return perQueue.map(([q, c]) => `${q} ${c}`).join(', ') || 'none';
}

/** A program with workers: each loop's tasks by queue, coroutines and awaits, then the messages per channel. */
function perLoop(trace: Trace): string[] {
  const width = Math.max(...trace.threads.map((t) => t.name.length));
  const lines = [`  loops       ${trace.threads.length}`];
  for (const thread of trace.threads) {
    const on = (x: { thread?: number }) => (x.thread ?? 0) === thread.id;
    const tasks = trace.tasks.filter(on);
    const coroutines = trace.coroutines.filter(on);
    const awaits = coroutines.reduce((s, c) => s + c.awaits.length, 0);
    const exit = thread.exitCode !== undefined ? `, exit ${thread.exitCode}` : thread.kind === 'main' ? '' : ', still running or terminated';
    lines.push(`    ${thread.name.padEnd(width)}  tasks ${tasks.length} (${byQueue(tasks)}), coroutines ${coroutines.length}, awaits ${awaits}${exit}`);
  }
  const channels = new Map<string, { sent: number; lost: number; dropped: number }>();
  for (const m of trace.messages) {
    const c = channels.get(m.channel) ?? { sent: 0, lost: 0, dropped: 0 };
    c.sent++;
    if (m.to.task === null) c.lost++;
    if (m.dropped) c.dropped++;
    channels.set(m.channel, c);
  }
  const notes = (c: { lost: number; dropped: number }) => [c.lost ? `${c.lost} never delivered` : '', c.dropped ? `${c.dropped} dropped: nothing listened` : ''].filter(Boolean).join(', ');
  const list = [...channels].map(([name, c]) => `${name} ${c.sent}${notes(c) ? ` (${notes(c)})` : ''}`);
  lines.push(`  messages    ${trace.messages.length}${list.length ? ` (${list.join(', ')})` : ''}`);
  return lines;
}

function summarizeResources(list: string[]): string {
  const counts = new Map<string, number>();
  for (const r of list) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, c]) => (c > 1 ? `${r} x${c}` : r)).join(', ');
}

function internalNote(trace: Trace): string {
  const n = trace.tasks.filter((t) => t.internal).length;
  return n ? `, ${n} of them inside Node's own code` : '';
}
