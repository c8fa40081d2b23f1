// Races across awaits, found on the recorded run: a coroutine reads shared state, suspends at an await, another
// coroutine writes that state, and the first one carries on with what it read. The detector is fed each flow's
// awaits, resumptions and shared-state accesses in recording order (the frames stage's flow log).
import type { Finding, FindingSite, Site } from '../../core/trace-format';
import type { FindingRole, RoleOf } from '../../core/findings';
import { upperBound } from '../../core/stepping';
import type { AnalysisInput } from './input';
import { laneNames } from '../../core/timeline-lanes';

type RaceKind = 'lost-update' | 'check-then-act' | 'stale-read';

/**
 * Every race the run shows; the detector speaks of flows (root frames), the trace names coroutines: each finding
 * says which coroutine (or which request, for a server under load) did what, as the timeline names their lanes.
 */
export function races({ trace, frames, steps, decoded }: AnalysisInput): Finding[] {
  // a race needs reads and writes of shared state: a run that recorded none has none (and its 200k awaits need no walk)
  if (!frames.flowLog.some((f) => f.what === 'access')) return [];
  const detector = new RaceDetector(decoded.sites);
  for (const f of frames.flowLog) {
    const step = steps.stepAt(f.event);
    if (f.what === 'await') detector.onAwait(f.flow, f.site, step);
    else if (f.what === 'resume') detector.onResume(f.flow, step);
    else detector.onAccess(f.flow, f.site, f.loc, f.write, step);
  }
  const found = detector.findings();
  if (!found.length) return [];
  const names = laneNames({ ...trace, findings: [] }).names;
  return found.map(({ flows, ...f }) => {
    const coroutines = flows.map((frame) => frames.frameCoroutine.get(frame) ?? -1);
    const [self, other] = coroutines.map((c) => names[c] ?? 'a coroutine');
    const { kind, location, sites, steps: moments } = f;
    return { kind, message: sentence(f, self, other === self ? `another ${other}` : other), location, coroutines, sites, steps: moments };
  });
}

/** What happened, in order, naming who did it; and that it is one run's interleaving. */
function sentence(f: Omit<Finding, 'message'>, self: string, other: string): string {
  const line = (role: RoleOf<RaceKind>) => f.sites.find((s) => s.role === role)?.line;
  const kind = f.kind as RaceKind;
  const what =
    kind === 'lost-update'
      ? `Lost update on ${f.location}: ${self} read it at line ${line('read')} and awaited at line ${line('suspend')}; meanwhile ${other} wrote it at line ${line('other-write')}; then ${self} wrote at line ${line('stale-write')} a value based on its old read.`
      : kind === 'check-then-act'
        ? `Check-then-act on ${f.location}: ${self} checked it at line ${line('check')} and awaited at line ${line('suspend')}; meanwhile ${other} changed it at line ${line('other-write')}; then ${self} acted at line ${line('act')} on the old check.`
        : `Stale read of ${f.location}: ${self} read it at line ${line('read')} before the await at line ${line('suspend')}; meanwhile ${other} changed it at line ${line('other-write')}, and ${self} went on with the old value.`;
  return `${what} Seen in this run: the order of the two depends on timing, so another run may interleave them otherwise. ${FIX[kind]}`;
}

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

const FIX: Record<RaceKind, string> = {
  'lost-update':
    'Do the read and the write in one step (no await between them), or serialize this section with a lock or a queue; with a database, let a transaction (or an UPDATE ... SET x = x + 1) make the read-modify-write atomic, or compare-and-set and retry.',
  'check-then-act':
    'Act in the same step as the check: store the pending promise (or a placeholder) before awaiting, reserve the key first, or check again after the await; a lock or a unique constraint in the database also works.',
  'stale-read': 'Read the value again after the await, where it is used; or hold a lock (or use a transaction) across the await if the value must not change.',
};

class RaceDetector {
  private order = 0;
  private readonly awaits = new Map<number, Suspension[]>();
  private readonly lastResume = new Map<number, number>();
  /** location -> coroutine -> its latest read whose value it kept (in a local, or through a compound assignment) */
  private readonly reads = new Map<string, Map<number, Read>>();
  /** location -> coroutine -> its latest check (a read in a condition, Map/Set has) */
  private readonly checks = new Map<string, Map<number, Read>>();
  /** location -> coroutine -> the await count when it last wrote the location */
  private readonly ownWrites = new Map<string, Map<number, number>>();
  /** location -> its latest write, and the latest write by a coroutine other than that one's (O(1) "did someone else write since?") */
  private readonly lastWrites = new Map<string, { latest: Write; otherThanLatest: Write | null }>();
  /** location -> every write in order (for stale reads, judged at the end) */
  private readonly writes = new Map<string, Write[]>();
  private readonly found = new Map<string, Omit<Finding, 'message' | 'coroutines'> & { flows: number[] }>();

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
    this.lastResume.set(c, step);
  }

  private table(m: Map<string, Map<number, Read>>, loc: string): Map<number, Read> {
    let byCoroutine = m.get(loc);
    if (!byCoroutine) m.set(loc, (byCoroutine = new Map()));
    return byCoroutine;
  }

  /** the latest write to `loc` by a coroutine other than `c`, if it came after `order` */
  private foreignWriteAfter(loc: string, c: number, order: number): Write | null {
    const w = this.lastWrites.get(loc);
    if (!w) return null;
    const candidate = w.latest.coroutine !== c ? w.latest : w.otherThanLatest;
    return candidate && candidate.order > order ? candidate : null;
  }

  /** location -> the order of each of its writes (ascending, parallel to `writes`) */
  private readonly writeOrders = new Map<string, number[]>();

  onAccess(c: number, site: number, loc: string, write: boolean, step: number): void {
    const order = this.order++;
    const kind = this.sites[site]?.kind;
    if (!write) {
      // Reading what this coroutine itself wrote in the same step claims that value (a ticket, an id): not stale.
      if (this.ownWrites.get(loc)?.get(c) === this.awaitCount(c)) return;
      const read: Read = { site, step, awaitNo: this.awaitCount(c), order };
      if (kind === 'check') this.table(this.checks, loc).set(c, read);
      else if (kind === 'kept') this.table(this.reads, loc).set(c, read);
      return;
    }
    const w: Write = { coroutine: c, site, step, order };
    const now = this.awaitCount(c);
    const check = this.checks.get(loc)?.get(c);
    const read = this.reads.get(loc)?.get(c);
    const otherAfterCheck = check && check.awaitNo < now ? this.foreignWriteAfter(loc, c, check.order) : null;
    const otherAfterRead = read && read.awaitNo < now ? this.foreignWriteAfter(loc, c, read.order) : null;
    // acting on a check made before an await, after another coroutine changed what was checked
    if (check && otherAfterCheck) this.report('check-then-act', c, loc, check, otherAfterCheck, w);
    // writing a value computed from a read made before an await, after another coroutine wrote in between
    else if (read && otherAfterRead) this.report('lost-update', c, loc, read, otherAfterRead, w);
    // what it wrote is what it knows now
    this.checks.get(loc)?.delete(c);
    this.reads.get(loc)?.delete(c);
    let own = this.ownWrites.get(loc);
    if (!own) this.ownWrites.set(loc, (own = new Map()));
    own.set(c, now);
    const last = this.lastWrites.get(loc);
    if (!last) this.lastWrites.set(loc, { latest: w, otherThanLatest: null });
    else this.lastWrites.set(loc, { latest: w, otherThanLatest: last.latest.coroutine !== c ? last.latest : last.otherThanLatest });
    let all = this.writes.get(loc);
    if (!all) this.writes.set(loc, (all = []));
    all.push(w);
    let orders = this.writeOrders.get(loc);
    if (!orders) this.writeOrders.set(loc, (orders = []));
    orders.push(order);
  }

  private suspensionAfter(c: number, order: number): Suspension | undefined {
    return this.awaits.get(c)?.find((a) => a.order > order);
  }

  private source(site: number, role: FindingRole, step: number | undefined): FindingSite | null {
    const s = this.sites[site];
    return s && s.line > 0 ? { file: s.file, line: s.line, column: s.column, role, ...(step !== undefined ? { step } : {}) } : null;
  }
  private report(kind: RaceKind, c: number, loc: string, read: Read, other: Write, stale: Write | null): void {
    const location = this.sites[(stale ?? read).site]?.name ?? this.sites[read.site]?.name ?? loc;
    const key = `${kind}|${location}|${stale ? stale.site : read.site}`;
    if (this.found.has(key)) return;
    const suspend = this.suspensionAfter(c, read.order);
    const sites = [
      this.source(read.site, kind === 'check-then-act' ? 'check' : 'read', read.step),
      suspend ? this.source(suspend.site, 'suspend', suspend.step) : null,
      this.source(other.site, 'other-write', other.step),
      stale ? this.source(stale.site, kind === 'check-then-act' ? 'act' : 'stale-write', stale.step) : null,
    ].filter((x): x is FindingSite => x !== null);
    this.found.set(key, {
      kind,
      location,
      flows: [c, other.coroutine],
      sites,
      steps: { read: read.step, suspend: suspend?.step ?? null, otherWrite: other.step, staleWrite: stale?.step ?? null },
    });
  }

  findings(): (Omit<Finding, 'message' | 'coroutines'> & { flows: number[] })[] {
    // Stale reads: a value kept across an await (never written back by its coroutine) while another coroutine wrote
    // the location, and the coroutine resumed after that write, so it went on with the old value.
    for (const [loc, byCoroutine] of this.reads) {
      const all = this.writes.get(loc);
      if (!all) continue;
      for (const [c, read] of byCoroutine) {
        if (read.awaitNo >= this.awaitCount(c)) continue; // it never suspended after reading
        let other: Write | undefined;
        for (let k = upperBound(this.writeOrders.get(loc) ?? [], read.order); k < all.length && !other; k++) if (all[k].coroutine !== c) other = all[k];
        if (other && (this.lastResume.get(c) ?? -1) > other.step) this.report('stale-read', c, loc, read, other, null);
      }
    }
    return [...this.found.values()];
  }
}
