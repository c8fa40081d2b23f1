// Argument parsing, running the trace, writing outputs and the summary.
import { writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { constants as osConstants } from 'node:os';
import { runTraced, TraceInputError, DEFAULTS } from '../runner/run-traced';
import { requestsFileFor, readRequests } from '../runner/requests';
import { summarize } from '../core/summary';
import { EXIT_TIMEOUT, EXIT_MAX_EVENTS } from '../core/raw-events';
import type { Trace } from '../core/trace-format';
import { readTraceFile } from '../runner/trace-file';
import { BINARY_EXTENSION } from '../core/trace-binary';
import { sequenceDiagramWindows } from '../core/mermaid';
import { writeHostExport, type HostExportFormat } from '../report/exports';
import { CACHE_MAX_BYTES } from '../instrument/cache';

export const USAGE = `Usage: loopscope trace <file> [options] [-- program args]
       loopscope report <trace> [--json <out.json>] [--out <out${BINARY_EXTENSION}>] [--mermaid <out.mmd>] [--markdown <out.md>] [--html <out.html>] [--perfetto <out.json>] [--window <n>]

trace:  runs a JavaScript or TypeScript program on your Node with the event loop traced.
        The program's output goes to this terminal unchanged; a summary follows. When no output is asked for, the
        trace is written to <program name>${BINARY_EXTENSION} in the current directory (replacing an earlier one).
report: reads a trace file (the compact ${BINARY_EXTENSION} form or JSON, told apart by its content), prints its summary
        and writes the diagram, the report or the trace in the other form.

Options:
  --out <out${BINARY_EXTENSION}>     write the trace in its compact binary form (format: docs/trace-format.md)
  --no-out                do not write the default ${BINARY_EXTENSION} file
  --json <out.json>       write the trace as JSON, for other tools (format: docs/trace-format.md)
  --mermaid <out.mmd>     write the sequence diagram (mermaid); long traces get out-2.mmd, out-3.mmd, ...
  --markdown <out.md>     write every diagram window in one Markdown file (mermaid blocks)
  --html <out.html>       write a self-contained HTML report (no network needed to view it)
  --perfetto <out.json>   write a Chrome / Perfetto trace-event file (open it at ui.perfetto.dev)
  --window <n>            messages per diagram window (default 250)
  --timeout <ms>          stop the program after this much wall time (default ${DEFAULTS.timeoutMs})
  --max-events <n>        stop the program after this many recorded events (default ${DEFAULTS.maxEvents})
  --node <path>           the Node.js to run it with (default: node on PATH)
  --exclude <fragment>    files whose path contains this are not user code (repeatable; default /node_modules/)
  --no-races              do not record shared state (no race findings; a little faster)
  --cache-dir <dir>       keep instrumented files here between runs (default: LOOPSCOPE_CACHE_DIR, else the OS's
                          cache folder, e.g. ~/.cache/loopscope; at most ${CACHE_MAX_BYTES / 1024 / 1024} MB, least recently used dropped)
  --no-cache              instrument every file anew (nothing read from or written to the cache)
  --requests <file.json>  trace a server under load: once it listens, send these requests at once, then stop it
                          (default: <program>.requests.json next to the program, when there is one)
  -q, --quiet             no summary
  -h, --help              this help

Exit code: the program's own; 2 for usage errors; 1 if the program could not be traced (missing file, syntax
error); ${EXIT_TIMEOUT} when stopped at the time limit; ${EXIT_MAX_EVENTS} when stopped at the event limit.
`;

interface Parsed {
  command: 'trace' | 'report';
  file: string;
  args: string[];
  json?: string;
  /** the binary trace file; false: none (--no-out) */
  out?: string | false;
  mermaid?: string;
  markdown?: string;
  html?: string;
  perfetto?: string;
  window: number;
  timeoutMs: number;
  maxEvents: number;
  node?: string;
  exclude: string[];
  quiet: boolean;
  races: boolean;
  requests?: string;
  cacheDir?: string | false;
}

class UsageError extends Error {}

function positiveInt(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} needs a positive whole number, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
  return n;
}

export function parseArgs(argv: string[]): Parsed | 'help' {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return 'help';
  if (argv[0] !== 'trace' && argv[0] !== 'report') throw new UsageError(`unknown command ${JSON.stringify(argv[0])}: the commands are "trace" and "report"`);
  const out: Parsed = { command: argv[0], file: '', args: [], window: 250, timeoutMs: DEFAULTS.timeoutMs, maxEvents: DEFAULTS.maxEvents, exclude: [], quiet: false, races: true };
  const rest = argv.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--') {
      out.args = rest.slice(i + 1);
      break;
    } else if (a === '--json') out.json = value();
    else if (a === '--out') out.out = value();
    else if (a === '--no-out') out.out = false;
    else if (a === '--mermaid') out.mermaid = value();
    else if (a === '--html') out.html = value();
    else if (a === '--markdown') out.markdown = value();
    else if (a === '--perfetto') out.perfetto = value();
    else if (a === '--window') out.window = positiveInt(a, rest[++i]);
    else if (a === '--timeout') out.timeoutMs = positiveInt(a, rest[++i]);
    else if (a === '--max-events') out.maxEvents = positiveInt(a, rest[++i]);
    else if (a === '--node') out.node = value();
    else if (a === '--exclude') out.exclude.push(value());
    else if (a === '-q' || a === '--quiet') out.quiet = true;
    else if (a === '--no-races') out.races = false;
    else if (a === '--requests') out.requests = value();
    else if (a === '--cache-dir') out.cacheDir = value();
    else if (a === '--no-cache') out.cacheDir = false;
    else if (a === '-h' || a === '--help') return 'help';
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (!out.file) out.file = a;
    else {
      out.args = rest.slice(i);
      break;
    }
  }
  if (!out.file) throw new UsageError(out.command === 'trace' ? 'name the file to trace: loopscope trace <file>' : 'name the trace file: loopscope report <trace>');
  return out;
}

function write(path: string, text: string): string {
  const abs = resolve(path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
  return abs;
}

export async function runCli(argv: string[]): Promise<number> {
  let parsed: Parsed | 'help';
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`loopscope: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (parsed === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const p = parsed;
  if (p.command === 'report') return report(p);
  let result;
  try {
    const requestsFile = p.requests ? resolve(p.requests) : requestsFileFor(resolve(p.file));
    let requests;
    try {
      requests = requestsFile ? readRequests(requestsFile) : undefined;
    } catch (err) {
      throw new TraceInputError((err as Error).message);
    }
    if (requestsFile && !p.quiet) process.stderr.write(`loopscope: requests from ${requestsFile}\n`);
    result = await runTraced({
      requests,
      entry: p.file,
      args: p.args,
      node: p.node,
      timeoutMs: p.timeoutMs,
      maxEvents: p.maxEvents,
      exclude: p.exclude.length ? p.exclude : undefined,
      races: p.races,
      cacheDir: p.cacheDir,
      stdio: 'inherit',
    });
  } catch (err) {
    if (err instanceof TraceInputError) {
      process.stderr.write(`loopscope: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const { trace } = result;
  const written = await writeOutputs(trace, { ...p, out: p.out ?? defaultOutput(p) });
  if (!p.quiet) process.stderr.write(`\n${summarize(trace)}${written.length ? `\n${written.join('\n')}` : ''}\n`);
  if (trace.program.requests) {
    for (const r of trace.program.requests) process.stderr.write(`  ${r.method} ${r.path} -> ${r.status ?? r.error} (${r.ms} ms)\n`);
    // a server traced under load ends when its requests are answered: success is every request answered
    if (!trace.program.stopped) return trace.program.requests.every((r) => r.status !== null) ? 0 : 1;
  }
  if (trace.program.stopped === 'timeout') return EXIT_TIMEOUT;
  if (trace.program.stopped === 'max-events') return EXIT_MAX_EVENTS;
  if (result.exitCode !== null) return result.exitCode;
  // killed by a signal: the shell's convention, 128 + its number
  return 128 + ((result.signal && osConstants.signals[result.signal as NodeJS.Signals]) || 9);
}

/** With no output asked for, `loopscope trace` writes <program name>.lstrace in the current directory. */
export function defaultOutput(p: Parsed): string | undefined {
  if (p.out !== undefined || p.json || p.mermaid || p.markdown || p.html || p.perfetto) return undefined;
  return `${basename(p.file).replace(/\.[^.]+$/, '')}${BINARY_EXTENSION}`;
}

async function writeOutputs(trace: Trace, p: Parsed): Promise<string[]> {
  const written: string[] = [];
  const options = { windowSize: p.window, step: 0 };
  const save = (label: string, path: string | false | undefined, format: HostExportFormat) => {
    if (!path) return;
    const abs = resolve(path);
    mkdirSync(dirname(abs), { recursive: true });
    writeHostExport(abs, trace, format, options);
    written.push(`${label}${abs}`);
  };
  save('trace:   ', p.out, 'lstrace');
  save('trace:   ', p.json, 'json');
  if (p.mermaid) {
    const windows = sequenceDiagramWindows(trace, { windowSize: p.window });
    windows.forEach((w, i) => {
      const path = i === 0 ? p.mermaid! : p.mermaid!.replace(/(\.[^./]+)?$/, (ext) => `-${i + 1}${ext || '.mmd'}`);
      written.push(`diagram: ${write(path, w.text)}${windows.length > 1 ? ` (window ${i + 1} of ${windows.length})` : ''}`);
    });
  }
  save('diagram: ', p.markdown, 'markdown');
  save('report:  ', p.html, 'html');
  save('perfetto: ', p.perfetto, 'perfetto');
  return written;
}

async function report(p: Parsed): Promise<number> {
  let trace: Trace;
  try {
    trace = readTraceFile(resolve(p.file));
  } catch (err) {
    process.stderr.write(`loopscope: ${(err as Error).message}\n`);
    return 1;
  }
  const written = await writeOutputs(trace, p);
  if (!p.quiet) process.stdout.write(`${summarize(trace)}${written.length ? `\n${written.join('\n')}` : ''}\n`);
  return 0;
}
