// A map from the recording's ids (async ids, frame ids: small non-negative integers, counted up by the program) to
// an integer, kept in a typed array indexed by the id: a million promises are one array, not a million hash entries.
// An id far beyond what was stored so far (or negative) goes to a Map instead, so an odd id costs no memory.
// Values are 32-bit integers (row numbers, counts, site ids).

/** no value (the values themselves are row numbers, counts, site ids: never this) */
const NONE = -0x80000000;
/** how far beyond its length the array grows to hold an id; ids further out go to the Map */
const SLACK = 1 << 16;

export class IdMap {
  private dense = new Int32Array(1024).fill(NONE);
  private readonly sparse = new Map<number, number>();

  get(id: number): number | undefined {
    if (id >= 0 && id < this.dense.length) {
      const v = this.dense[id];
      return v === NONE ? undefined : v;
    }
    return this.sparse.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, value: number): this {
    if (id >= 0 && id < this.dense.length + SLACK) {
      if (id >= this.dense.length) this.grow(id);
      this.dense[id] = value;
    } else this.sparse.set(id, value);
    return this;
  }

  private grow(id: number): void {
    let size = this.dense.length * 2;
    while (size <= id) size *= 2;
    const bigger = new Int32Array(size).fill(NONE);
    bigger.set(this.dense);
    this.dense = bigger;
    // ids stored aside while they were out of reach now have their place in the array
    for (const [k, v] of this.sparse) {
      if (k >= 0 && k < size) {
        bigger[k] = v;
        this.sparse.delete(k);
      }
    }
  }
}
