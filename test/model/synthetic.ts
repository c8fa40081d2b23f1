// Synthetic recordings for the stages' own tests: the events and meta records a tracer would write, made by hand.
import { RawKind, RECORD_INTS, type MetaRecord, type RawRun, type RawSite } from '../../src/core/raw-events';

export const ENTRY = '/app/main.js';

export class Recording {
  private readonly ints: number[] = [];
  readonly meta: MetaRecord[] = [];
  private readonly types = new Map<string, number>();
  private nextSite = 0;
  /** microseconds since start of the next event */
  time = 0;

  constructor() {
    this.meta.push({ t: 'start', node: 'v20.0.0', entry: ENTRY, pid: 1, argv: [], cwd: '/app', startedAt: 0 });
  }

  /** describe sites of a file; returns their ids in order */
  sites(file: string, list: RawSite[]): number[] {
    const base = this.nextSite;
    this.nextSite += list.length;
    this.meta.push({ t: 'sites', base, file, sites: list });
    return list.map((_, i) => base + i);
  }

  typeCode(name: string): number {
    let code = this.types.get(name);
    if (code === undefined) {
      code = this.types.size + 1;
      this.types.set(name, code);
      this.meta.push({ t: 'type', code, name });
    }
    return code;
  }

  event(kind: RawKind, a = 0, b = 0, c = 0, d = 0, e = 0): number {
    this.ints.push(kind, a, b, c, d, e, this.time, 0);
    this.time += 1;
    return this.ints.length / RECORD_INTS - 1;
  }

  /** a resource made: `delay` is a timer's delay in ms (an interval's is written -2 - delay), -1 for others */
  init(id: number, type: string, trigger = 1, exec = 1, delay = -1): number {
    return this.event(RawKind.Init, id, trigger, this.typeCode(type), exec, delay);
  }
  scheduledAt(id: number, site: number, nodeFrames = 0): number {
    return this.event(RawKind.ScheduledAt, id, site, nodeFrames);
  }
  before(id: number): number {
    return this.event(RawKind.Before, id);
  }
  after(id: number): number {
    return this.event(RawKind.After, id);
  }
  resolve(id: number): number {
    return this.event(RawKind.Resolve, id);
  }
  enter(frame: number, site: number): number {
    return this.event(RawKind.Enter, frame, site);
  }
  exit(frame: number): number {
    return this.event(RawKind.Exit, frame);
  }
  await(frame: number, site: number): number {
    return this.event(RawKind.Await, frame, site);
  }
  cancel(id: number): number {
    return this.event(RawKind.Cancel, id);
  }
  output(text: string, site = -1): number {
    const index = this.meta.filter((m) => m.t === 'output').length;
    this.meta.push({ t: 'output', index, stream: 'stdout', text });
    return this.event(RawKind.Output, index, site);
  }
  /** shared state: `loc` >= 0 an object id (key 0), < 0 a variable */
  access(frame: number, site: number, loc: number, write: boolean): number {
    return this.event(RawKind.Access, frame, site, loc, 0, write ? 1 : 0);
  }

  run(overrides: Partial<RawRun> = {}): RawRun {
    return { events: Int32Array.from(this.ints), meta: this.meta, entry: ENTRY, exitCode: 0, signal: null, durationMs: 1, ...overrides };
  }
}
