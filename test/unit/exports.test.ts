// The host's exports from a real trace: mermaid (one window), Markdown (every window), the HTML report, and a
// Perfetto / Chrome trace-event file whose structure Perfetto's JSON importer expects.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraced } from '../../src/runner/run-traced';
import { renderHostExport } from '../../src/report/exports';
import { sequenceDiagramWindows } from '../../src/core/mermaid';
import type { Trace } from '../../src/core/trace-format';

let trace: Trace;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-export-'));
  const file = join(dir, 'jobs.js');
  writeFileSync(file, "async function job(i) { await new Promise((r) => setTimeout(r, i)); console.log('job', i); }\nfor (let i = 0; i < 40; i++) job(i % 3);\nsetImmediate(() => console.log('immediate'));\n");
  ({ trace } = await runTraced({ entry: file, cwd: dir, stdio: 'pipe' }));
}, 60_000);

describe('exports', () => {
  it('mermaid: the window that holds the step', () => {
    const windows = sequenceDiagramWindows(trace, { windowSize: 20 });
    expect(windows.length).toBeGreaterThan(2);
    const step = windows[2].fromStep;
    expect(renderHostExport(trace, 'mermaid', { windowSize: 20, step })).toBe(windows[2].text);
  });

  it('Markdown: every window as a mermaid block', () => {
    const md = renderHostExport(trace, 'markdown', { windowSize: 20, step: 0 });
    const windows = sequenceDiagramWindows(trace, { windowSize: 20 });
    expect(md.match(/```mermaid\n/g)?.length).toBe(windows.length);
    expect(md).toContain(windows[windows.length - 1].text);
    expect(md.startsWith('# Loopscope trace of jobs.js')).toBe(true);
  });

  it('HTML: one self-contained file with a fresh nonce and no network references', () => {
    const a = renderHostExport(trace, 'html', { windowSize: 250, step: 0 });
    const b = renderHostExport(trace, 'html', { windowSize: 250, step: 0 });
    const nonce = (html: string) => /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    expect(nonce(a)).toBeTruthy();
    expect(nonce(a)).not.toBe(nonce(b));
    // outside the inline scripts' bodies, nothing that loads anything; and the policy forbids fetching at all
    const markup = a.replace(/(<script[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
    expect(markup).not.toMatch(/\s(src|href|srcset|action)=/i);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(a)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it('Perfetto: slices per queue track, async slices per coroutine, flows from scheduler to task', () => {
    const out = JSON.parse(renderHostExport(trace, 'perfetto', { windowSize: 250, step: 0 })) as { traceEvents: Record<string, unknown>[] };
    const events = out.traceEvents;
    const slices = events.filter((e) => e.ph === 'X');
    expect(slices).toHaveLength(trace.tasks.length);
    for (const e of slices) {
      expect(typeof e.ts).toBe('number');
      expect(e.dur as number).toBeGreaterThan(0);
      expect(e.pid).toBe(1);
    }
    const trackNames = events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => (e.args as { name: string }).name);
    expect(trackNames).toContain('timer callbacks');
    expect(trackNames).toContain('microtask callbacks');
    const begins = events.filter((e) => e.ph === 'b');
    const ends = events.filter((e) => e.ph === 'e');
    expect(begins).toHaveLength(trace.coroutines.length);
    expect(ends.map((e) => e.id).sort()).toEqual(begins.map((e) => e.id).sort());
    const flowStarts = events.filter((e) => e.ph === 's');
    const flowEnds = events.filter((e) => e.ph === 'f');
    expect(flowStarts.length).toBe(trace.tasks.filter((t) => t.scheduledBy !== null).length);
    expect(flowEnds.map((e) => e.id).sort()).toEqual(flowStarts.map((e) => e.id).sort());
  });
});
