// Stage 1 of the model: decode. The recording's side records (meta.ndjson) become lookup tables, and the fixed-size
// events get a reader; nothing is interpreted yet.
import { RECORD_INTS, type MetaRecord, type RawRun } from '../core/raw-events';
import type { Site, SourceSite } from '../core/trace-format';

export type OutputMeta = Extract<MetaRecord, { t: 'output' }>;
export type UnhandledMeta = Extract<MetaRecord, { t: 'unhandled' }>;

/** The events of a recording, read in place (no object per event). */
export class Events {
  readonly count: number;
  constructor(readonly data: Int32Array) {
    this.count = Math.floor(data.length / RECORD_INTS);
  }
  kind(i: number): number {
    return this.data[i * RECORD_INTS];
  }
  a(i: number): number {
    return this.data[i * RECORD_INTS + 1];
  }
  b(i: number): number {
    return this.data[i * RECORD_INTS + 2];
  }
  c(i: number): number {
    return this.data[i * RECORD_INTS + 3];
  }
  d(i: number): number {
    return this.data[i * RECORD_INTS + 4];
  }
  e(i: number): number {
    return this.data[i * RECORD_INTS + 5];
  }
  /** microseconds since the program started */
  time(i: number): number {
    return this.data[i * RECORD_INTS + 6];
  }
}

export interface Decoded {
  run: RawRun;
  events: Events;
  /** async_hooks type code -> type name */
  typeNames: Map<number, string>;
  /** every site by id; ids the recording never described are `kind: 'unknown'` placeholders */
  sites: Site[];
  outputs: Map<number, OutputMeta>;
  unhandled: Map<number, UnhandledMeta>;
  start?: Extract<MetaRecord, { t: 'start' }>;
  stop?: Extract<MetaRecord, { t: 'stop' }>;
  /** the first uncaught error */
  error?: Extract<MetaRecord, { t: 'error' }>;
  /** where a site is in the source, or null for none (-1) and sites without a file; one object per site, shared by
   * everything that points there (200k awaits of one line are one object, not 200k) */
  source(id: number): SourceSite | null;
}

export function decode(run: RawRun): Decoded {
  const typeNames = new Map<number, string>();
  const rawSites: (Site | undefined)[] = [];
  let sources: (SourceSite | null)[] = [];
  const source = (id: number) => (id >= 0 && id < sources.length ? sources[id] : null);
  const d: Decoded = { run, events: new Events(run.events), typeNames, sites: [], outputs: new Map(), unhandled: new Map(), source };
  for (const m of run.meta) {
    switch (m.t) {
      case 'type':
        typeNames.set(m.code, m.name);
        break;
      case 'sites':
        m.sites.forEach((s, i) => {
          rawSites[m.base + i] = {
            file: m.file,
            line: s.line,
            column: s.column,
            kind: s.kind,
            name: s.name,
            ...(s.async ? { async: true } : {}),
            ...(s.generator ? { generator: true } : {}),
            ...(s.seqPrevOffset ? { after: m.base + i - s.seqPrevOffset } : {}),
          } as Site;
        });
        break;
      case 'site':
        rawSites[m.id] = { file: m.file, line: m.line, column: m.column, kind: 'call' };
        break;
      case 'output':
        d.outputs.set(m.index, m);
        break;
      case 'start':
        d.start = m;
        break;
      case 'stop':
        d.stop = m;
        break;
      case 'error':
        d.error ??= m;
        break;
      case 'unhandled':
        d.unhandled.set(m.index, m);
        break;
      default:
        break;
    }
  }
  // (Array.from, not map: map skips the holes of ids no record described, which would stay undefined)
  d.sites = Array.from(rawSites, (s) => s ?? { file: '', line: 0, column: 0, kind: 'unknown' });
  sources = d.sites.map((s) => (s.file ? { file: s.file, line: s.line, column: s.column } : null));
  return d;
}

/** A site as the recording described it, with the flags of functions. */
export type FunctionSite = Site & { async?: boolean; generator?: boolean };

/** "line 12" for a step's text */
export function lineOf(sites: Site[], site: number): string {
  return site >= 0 && sites[site] ? `line ${sites[site].line}` : 'unknown line';
}

export function fnName(sites: Site[], site: number): string {
  return sites[site]?.name ?? '<anonymous>';
}
