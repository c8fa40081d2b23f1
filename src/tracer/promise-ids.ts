// Promise ids without a trace on the promise.
//
// async_hooks' promise tracking (Node 20, 22 and 24 alike) keeps a promise's async id and trigger id as two plain
// symbol-keyed properties it assigns on the promise (`promise[async_id_symbol] = id`), so util.inspect and
// console.log print them and Object.getOwnPropertySymbols lists them. Node only ever reaches them with `promise[sym]`
// (get and set), so two accessors on Promise.prototype take the assignments instead: the ids go to private fields
// stamped on the promise (invisible to every reflection API, and as fast as a property: a WeakMap made the
// await-heavy benchmark 4x slower, and the accessors read the fields themselves, a call in between cost half as much
// again), and the promise keeps no own property.
//
// One detail of Node's: the trigger id of a chained promise comes from `getOrSetAsyncId(parent)`, which checks
// `hasOwnProperty(parent, async_id_symbol)` (false now) and assigns a fresh id to the parent. The setter keeps the
// parent's id, remembers that fresh id as an alias of it, and the child's trigger id is stored as the parent's real
// id, exactly what Node records untraced. (The fresh id is spent, so ids have gaps; nothing depends on them being
// dense.)
//
// What is left visible: Promise.prototype has two non-enumerable accessors keyed by Node's internal symbols
// (Reflect.ownKeys(Promise.prototype), util.inspect(Promise.prototype, { showHidden: true })).

class Base {
  constructor(o: object) {
    return o;
  }
}

let aliasFrom = -1;
let aliasTo = -1;

/** The accessors for Node's two symbols (made by `install`: they read the private fields directly, no call between). */
let accessors: { id: PropertyDescriptor; trigger: PropertyDescriptor; idOf(o: object): number | undefined } | undefined;

/** `new Stamp(o)` adds the two private fields to `o` itself (a constructor returning another object). */
class Stamp extends Base {
  #id: number | undefined;
  #trigger: number | undefined;
  constructor(o: object) {
    super(o);
  }
  static {
    accessors = {
      id: {
        configurable: true,
        enumerable: false,
        get(this: object) {
          return #id in this ? this.#id : undefined;
        },
        set(this: Stamp, v: number) {
          if (!(#id in this)) new Stamp(this);
          if (this.#id === undefined) this.#id = v;
          else {
            // getOrSetAsyncId(parent) on a promise that has its id: keep it; the fresh id stands for it
            aliasFrom = v;
            aliasTo = this.#id;
          }
        },
      },
      trigger: {
        configurable: true,
        enumerable: false,
        get(this: object) {
          return #trigger in this ? this.#trigger : undefined;
        },
        set(this: Stamp, v: number) {
          if (!(#trigger in this)) new Stamp(this);
          this.#trigger = v === aliasFrom ? aliasTo : v;
        },
      },
      idOf: (o) => (#id in o ? (o as Stamp).#id : undefined),
    };
  }
}

void Stamp; // used through `accessors`, made in its static block

export interface PromiseIds {
  /** the async id Node gave a promise (-1 when none) */
  idOf(promise: unknown): number;
}

/**
 * Call right after enabling the async hook: finds Node's two symbols on a probe promise, then moves them off every
 * promise made from now on.
 */
export function hidePromiseIds(): PromiseIds {
  const probe = Promise.resolve();
  const syms = Object.getOwnPropertySymbols(probe);
  const idSym = syms.find((s) => s.description === 'async_id_symbol');
  const triggerSym = syms.find((s) => s.description === 'trigger_async_id_symbol');
  const proto = Promise.prototype;
  if (!idSym || !triggerSym || Object.getOwnPropertyDescriptor(proto, idSym) || Object.getOwnPropertyDescriptor(proto, triggerSym)) {
    // not the Node we know: leave Node's properties where they are
    return {
      idOf: (p) => {
        if (typeof p !== 'object' || p === null || !idSym) return -1;
        const id = (p as Record<symbol, unknown>)[idSym];
        return typeof id === 'number' ? id : -1;
      },
    };
  }
  Object.defineProperty(proto, idSym, accessors!.id);
  Object.defineProperty(proto, triggerSym, accessors!.trigger);
  return {
    idOf(p) {
      if (typeof p !== 'object' || p === null) return -1;
      const id = accessors!.idOf(p) ?? (p as Record<symbol, unknown>)[idSym];
      return typeof id === 'number' ? id : -1;
    },
  };
}
