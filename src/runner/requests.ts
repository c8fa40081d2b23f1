// Tracing a server under load: the requests a user names (in `<program>.requests.json` next to it, or a file given
// explicitly) are fired concurrently at the traced server on loopback once it listens; the responses are recorded.
import { request } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';

export interface RequestSpec {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** sent as is when a string, as JSON otherwise */
  body?: unknown;
  /** send this many copies at once (default 1) */
  repeat?: number;
}

export interface RequestResult {
  method: string;
  path: string;
  status: number | null;
  body: string;
  ms: number;
  error?: string;
}

/** The requests file for a program: `server.requests.json` beside `server.js`, if there is one. */
export function requestsFileFor(entry: string): string | null {
  const candidate = entry.replace(/\.[cm]?[jt]s$/i, '.requests.json');
  return candidate !== entry && existsSync(candidate) ? candidate : null;
}

/** Read and check a requests file: a list of requests, or { "requests": [...] }. */
export function readRequests(file: string): RequestSpec[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not a readable requests file (${(err as Error).message})`);
  }
  const list = Array.isArray(value) ? value : (value as { requests?: unknown })?.requests;
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${file}: expected a list of requests, e.g. [{ "method": "GET", "path": "/" }]`);
  return list.map((r, i) => {
    const spec = r as RequestSpec;
    if (typeof spec !== 'object' || spec === null || typeof spec.path !== 'string' || !spec.path.startsWith('/')) {
      throw new Error(`${file}: request ${i + 1} needs a "path" starting with "/"`);
    }
    if (spec.repeat !== undefined && (!Number.isInteger(spec.repeat) || spec.repeat < 1 || spec.repeat > 100)) {
      throw new Error(`${file}: request ${i + 1}: "repeat" must be a whole number from 1 to 100`);
    }
    return spec;
  });
}

/** Fire every request at once on loopback and wait for all the answers. */
export async function fireRequests(port: number, specs: RequestSpec[], timeoutMs: number): Promise<RequestResult[]> {
  const all = specs.flatMap((s) => Array.from({ length: s.repeat ?? 1 }, () => s));
  return Promise.all(
    all.map(
      (spec) =>
        new Promise<RequestResult>((resolve) => {
          const started = Date.now();
          const method = (spec.method ?? 'GET').toUpperCase();
          const body = spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
          const headers = { ...(body !== undefined && typeof spec.body !== 'string' ? { 'content-type': 'application/json' } : {}), ...(spec.headers ?? {}) };
          const done = (r: Omit<RequestResult, 'method' | 'path' | 'ms'>) => resolve({ method, path: spec.path, ms: Date.now() - started, ...r });
          const req = request({ host: '127.0.0.1', port, path: spec.path, method, headers, timeout: timeoutMs }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => {
              if (text.length < 4096) text += d;
            });
            res.on('end', () => done({ status: res.statusCode ?? null, body: text.slice(0, 4096) }));
            res.on('error', (err) => done({ status: res.statusCode ?? null, body: text, error: err.message }));
          });
          req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
          req.on('error', (err) => done({ status: null, body: '', error: err.message }));
          req.end(body);
        }),
    ),
  );
}
