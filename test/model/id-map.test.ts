// The model's map of recording ids (async ids, frame ids) must answer exactly as a Map would, for the ids a recording
// has (dense, counted up) and for the ones it might (negative, far apart, stored before the array reaches them).
import { describe, it, expect } from 'vitest';
import { IdMap } from '../../src/model/id-map';

/** every id set, then read back, against a Map given the same calls */
function same(calls: [number, number][], probes: number[]): void {
  const ids = new IdMap();
  const map = new Map<number, number>();
  for (const [id, v] of calls) {
    ids.set(id, v);
    map.set(id, v);
  }
  const wrong = [...map.keys(), ...probes].filter((id) => ids.get(id) !== map.get(id) || ids.has(id) !== map.has(id));
  expect(wrong.map((id) => `id ${id}: ${ids.get(id)}, not ${map.get(id)}`)).toEqual([]);
}

describe('IdMap', () => {
  it('holds counted-up ids past its first size, and tells an id never set from one set to -1 or 0', () => {
    same(
      Array.from({ length: 5000 }, (_, i) => [i * 3, i % 7 === 0 ? -1 : i % 5]),
      [1, 2, 4, 14_999, 15_000, 1_000_000],
    );
  });

  it('keeps negative ids and ids far beyond the others aside, and finds those when the array grows over them', () => {
    const far = 1024 + (1 << 16) + 10;
    same(
      [
        [-1, 5],
        [-7, 6],
        [far, 7],
        [2 ** 31 - 1, 8],
        // grows the array over `far`, which must still be found (and not answered by the array's empty slot)
        ...Array.from({ length: far + 5 }, (_, i): [number, number] => [i, i]).filter(([i]) => i !== far),
      ],
      [far - 1, far + 1, -2, 2 ** 31 - 2],
    );
  });
});
