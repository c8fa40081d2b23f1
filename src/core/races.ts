// Races across awaits, found on the recorded run: a coroutine reads shared state, suspends at an await, another
// coroutine writes that state, and the first one carries on with what it read. Fed in recording order by the model.
import type { Finding, Site, SourceSite } from './trace-format';

interface Read {
  site: number;
  step: number;
  /** how many awaits the coroutine had reached when it read */
  awaitNo: number;
  order: number;
}

interface Write {
  coroutine: number;
  site: number;
  step: number;
  order: number;
}

interface Suspension {
  site: number;
  step: number;
  order: number;
}

const FIX: Record<string, string> = {
  'lost-update':
    'Do the read and the write in one step (no await between them), or serialize this section with a lock or a queue; with a database, let a transaction (or an UPDATE ... SET x = x + 1) make the read-modify-write atomic, or compare-and-set and retry.',
  'check-then-act':
    'Act in the same step as the check: store the pending promise (or a placeholder) before awaiting, reserve the key first, or check again after the await; a lock or a unique constraint in the database also works.',
  'stale-read': 'Read the value again after the await, where it is used; or hold a lock (or use a transaction) across the await if the value must not change.',
};

export class RaceDetector {
  private order = 0;
  private readonly awaits = new Map<number, Suspension[]>();
  private readonly resumes = new Map<number, number[]>();
  /** location -> coroutine -> its latest read whose value it kept (in a local, or through a compound assignment) */
  private readonly reads = new Map<string, Map<number, Read>>();
  /** location -> coroutine -> its latest check (a read in a condition, Map/Set has) */
  private readonly checks = new Map<string, Map<number, Read>>();
  /** location -> coroutine -> the await count when it last wrote the location */
  private readonly ownWrites = new Map<string, Map<number, number>>();
  private readonly writes = new Map<string, Write[]>();
  private readonly found = new Map<string, Finding>();
  private readonly staleCandidates: { coroutine: number; loc: string; read: Read; write: Write }[] = [];

  constructor(private readonly sites: Site[]) {}

  private awaitCount(c: number): number {
    return this.awaits.get(c)?.length ?? 0;
  }

  onAwait(c: number, site: number, step: number): void {
    let list = this.awaits.get(c);
    if (!list) this.awaits.set(c, (list = []));
    list.push({ site, step, order: this.order++ });
  }

  onResume(c: number, step: number): void {
    let list = this.resumes.get(c);
    if (!list) this.resumes.set(c, (list = []));
    list.push(step);
  }

  onAccess(c: number, site: number, loc: string, write: boolean, step: number): void {
    const order = this.order++;
    const table = (m: Map<string, Map<number, Read>>) => {
      let byCoroutine = m.get(loc);
      if (!byCoroutine) m.set(loc, (byCoroutine = new Map()));
      return byCoroutine;
    };
    const kind = this.sites[site]?.kind;
    if (!write) {
      // Reading what this coroutine itself wrote in the same step claims that value (a ticket, an id): not stale.
      if (this.ownWrites.get(loc)?.get(c) === this.awaitCount(c)) return;
      const read: Read = { site, step, awaitNo: this.awaitCount(c), order };
      if (kind === 'check') table(this.checks).set(c, read);
      else if (kind === 'kept') table(this.reads).set(c, read);
      return;
    }
    const w: Write = { coroutine: c, site, step, order };
    const all = this.writes.get(loc) ?? [];
    const suspendedSince = (r: Read | undefined): r is Read => !!r && r.awaitNo < this.awaitCount(c);
    const foreignWriteAfter = (r: Read) => all.find((x) => x.coroutine !== c && x.order > r.order);
    const check = table(this.checks).get(c);
    const read = table(this.reads).get(c);
    // acting on a check made before an await, after another coroutine changed what was checked
    if (suspendedSince(check) && foreignWriteAfter(check)) this.report('check-then-act', c, loc, check, foreignWriteAfter(check)!, w);
    // writing a value computed from a read made before an await, after another coroutine wrote in between
    else if (suspendedSince(read) && foreignWriteAfter(read)) this.report('lost-update', c, loc, read, foreignWriteAfter(read)!, w);
    // what it wrote is what it knows now
    table(this.checks).delete(c);
    table(this.reads).delete(c);
    let own = this.ownWrites.get(loc);
    if (!own) this.ownWrites.set(loc, (own = new Map()));
    own.set(c, this.awaitCount(c));
    // other coroutines that kept a value from before their await now hold a stale one
    for (const [rc, r] of table(this.reads)) {
      if (rc !== c && r.awaitNo < this.awaitCount(rc)) this.staleCandidates.push({ coroutine: rc, loc, read: r, write: w });
    }
    all.push(w);
    this.writes.set(loc, all);
  }

  private suspensionAfter(c: number, order: number): Suspension | undefined {
    return this.awaits.get(c)?.find((a) => a.order > order);
  }

  private source(site: number, role: string): (SourceSite & { role: string }) | null {
    const s = this.sites[site];
    return s && s.line > 0 ? { file: s.file, line: s.line, column: s.column, role } : null;
  }

  private report(kind: string, c: number, loc: string, read: Read, other: Write, stale: Write | null): void {
    const location = this.sites[(stale ?? read).site]?.name ?? this.sites[read.site]?.name ?? loc;
    const key = `${kind}|${location}|${stale ? stale.site : read.site}`;
    if (this.found.has(key)) return;
    const suspend = this.suspensionAfter(c, read.order);
    const sites = [
      this.source(read.site, kind === 'check-then-act' ? 'check' : 'read'),
      suspend ? this.source(suspend.site, 'suspend') : null,
      this.source(other.site, 'other-write'),
      stale ? this.source(stale.site, kind === 'check-then-act' ? 'act' : 'stale-write') : null,
    ].filter((x): x is SourceSite & { role: string } => x !== null);
    const line = (role: string) => sites.find((s) => s.role === role)?.line;
    const message =
      kind === 'lost-update'
        ? `Lost update on ${location}: read at line ${line('read')}, await at line ${line('suspend')}, another coroutine wrote it at line ${line('other-write')}, then line ${line('stale-write')} wrote a value based on the old read. ${FIX[kind]}`
        : kind === 'check-then-act'
          ? `Check-then-act on ${location}: checked at line ${line('check')}, await at line ${line('suspend')}, another coroutine changed it at line ${line('other-write')}, then line ${line('act')} acted on the old check. ${FIX[kind]}`
          : `Stale read of ${location}: read at line ${line('read')} before the await at line ${line('suspend')}; another coroutine changed it at line ${line('other-write')} and the old value was used after the await. ${FIX[kind]}`;
    this.found.set(key, {
      kind,
      message,
      location,
      coroutines: [c, other.coroutine],
      sites,
      steps: { read: read.step, suspend: suspend?.step ?? null, otherWrite: other.step, staleWrite: stale?.step ?? null },
    } as Finding);
  }

  findings(): Finding[] {
    for (const cand of this.staleCandidates) {
      const { coroutine: c, loc, read, write } = cand;
      // it resumed after the other write and did not write the location itself (that would be a lost update)
      const resumedAfter = (this.resumes.get(c) ?? []).some((step) => step > write.step);
      const wroteItself = (this.writes.get(loc) ?? []).some((w) => w.coroutine === c && w.order > read.order);
      if (resumedAfter && !wroteItself) this.report('stale-read', c, loc, read, write, null);
    }
    return [...this.found.values()];
  }
}
