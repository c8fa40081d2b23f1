var __ls$b_1aifznr = __ls$b_1aifznr ?? __ls$B(), __ls$f = __ls.e(__ls$b_1aifznr + 0);                // ← 1
let gets = 0;                                                                                        // ← 1
let sets = 0;                                                                                        // ← 2
const inner = {                                                                                      // ← 3
  c: 1,                                                                                              // ← 3
  n: 0,                                                                                              // ← 3
  x: null                                                                                            // ← 3
};
const a = {                                                                                          // ← 4
  get b() {                                                                                          // ← 4
    var __ls$f = __ls.e(__ls$b_1aifznr + 1);
    try {
      gets++;                                                                                        // ← 4
      return inner;                                                                                  // ← 4
    } finally {
      __ls.x(__ls$f);
    }
  }
};
const traps = [];                                                                                    // ← 5
const p = new Proxy({                                                                                // ← 6
  v: 1                                                                                               // ← 6
}, {
  get(t, k, r) {                                                                                     // ← 7
    var __ls$f = __ls.e(__ls$b_1aifznr + 2);
    try {
      traps.push('get ' + String(k));                                                                // ← 7
      return Reflect.get(t, k, r);                                                                   // ← 7
    } finally {
      __ls.x(__ls$f);
    }
  },
  set(t, k, v, r) {                                                                                  // ← 8
    var __ls$f = __ls.e(__ls$b_1aifznr + 3);
    try {
      traps.push('set ' + String(k));                                                                // ← 8
      return Reflect.set(t, k, v, r);                                                                // ← 8
    } finally {
      __ls.x(__ls$f);
    }
  }
});
let k = 0;                                                                                           // ← 10
const key = () => {                                                                                  // ← 11
  var __ls$f = __ls.e(__ls$b_1aifznr + 4);
  try {
    k++;                                                                                             // ← 11
    return 'n';                                                                                      // ← 11
  } finally {
    __ls.x(__ls$f);
  }
};
async function go() {                                                                                // ← 12
  var __ls$f = __ls.e((__ls$b_1aifznr ?? __ls$B()) + 20), __ls$t0, __ls$t1, __ls$t2, __ls$t3, __ls$t4, __ls$t5, __ls$t6, __ls$t7, __ls$t8, __ls$t9, __ls$t10, __ls$t11;
  try {
    let v = (__ls$t0 = a.b, __ls.rp(__ls$f, __ls$b_1aifznr + 5, __ls$t0, "c"), __ls$t0.c);           // ← 13
    (__ls$t1 = a.b, __ls.rp(__ls$f, __ls$b_1aifznr + 7, __ls$t1, "n"), __ls$t2 = __ls$t1.n += 1, __ls.wp(__ls$f, __ls$b_1aifznr + 6, __ls$t1, "n"), __ls$t2); // ← 14
    a.b[key()]++;                                                                                    // ← 15
    (__ls$t3 = a.b, __ls.rp(__ls$f, __ls$b_1aifznr + 9, __ls$t3, "x"), __ls$t3.x ?? (__ls$t4 = __ls$t3.x = 'set', __ls.wp(__ls$f, __ls$b_1aifznr + 8, __ls$t3, "x"), __ls$t4)); // ← 16
    (__ls$t6 = p, __ls$t7 = __ls$t6.v = (__ls$t5 = p, __ls.rp(__ls$f, __ls$b_1aifznr + 11, __ls$t5, "v"), __ls$t5.v) + 1, __ls.wp(__ls$f, __ls$b_1aifznr + 10, __ls$t6, "v"), __ls$t7); // ← 17
    (__ls$t8 = p, __ls.rp(__ls$f, __ls$b_1aifznr + 13, __ls$t8, "v"), __ls$t9 = __ls$t8.v += 1, __ls.wp(__ls$f, __ls$b_1aifznr + 12, __ls$t8, "v"), __ls$t9); // ← 18
    await __ls.a(__ls$f, __ls$b_1aifznr + 14, null);                                                 // ← 19
    (__ls$t10 = inner, __ls$t11 = __ls$t10.c = v + 1, __ls.wp(__ls$f, __ls$b_1aifznr + 15, __ls$t10, "c"), __ls$t11); // ← 20
    log((__ls.rv(__ls$f, __ls$b_1aifznr + 16, __ls$b_1aifznr + 17), gets), sets, inner, (__ls.rv(__ls$f, __ls$b_1aifznr + 18, __ls$b_1aifznr + 19), k), traps); // ← 21
  } finally {
    __ls.x(__ls$f);
  }
}
go();                                                                                                // ← 23
__ls.x(__ls$f);
function __ls$B() {
  return __ls$b_1aifznr = __ls.r("/golden/getters-once.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"function\",\"line\":4,\"column\":19,\"name\":\"get b\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":7,\"column\":7,\"name\":\"get\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":8,\"column\":7,\"name\":\"set\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":11,\"column\":13,\"name\":\"key\",\"async\":false,\"generator\":false},{\"kind\":\"kept\",\"line\":13,\"column\":11,\"name\":\"a.b.c\"},{\"kind\":\"write\",\"line\":14,\"column\":3,\"name\":\"a.b.n\"},{\"kind\":\"kept\",\"line\":14,\"column\":3,\"name\":\"a.b.n\"},{\"kind\":\"write\",\"line\":16,\"column\":3,\"name\":\"a.b.x\"},{\"kind\":\"kept\",\"line\":16,\"column\":3,\"name\":\"a.b.x\"},{\"kind\":\"write\",\"line\":17,\"column\":3,\"name\":\"p.v\"},{\"kind\":\"read\",\"line\":17,\"column\":9,\"name\":\"p.v\"},{\"kind\":\"write\",\"line\":18,\"column\":3,\"name\":\"p.v\"},{\"kind\":\"kept\",\"line\":18,\"column\":3,\"name\":\"p.v\"},{\"kind\":\"await\",\"line\":19,\"column\":3},{\"kind\":\"write\",\"line\":20,\"column\":3,\"name\":\"inner.c\"},{\"kind\":\"read\",\"line\":21,\"column\":7,\"name\":\"gets\"},{\"kind\":\"var\",\"line\":21,\"column\":7,\"name\":\"gets\"},{\"kind\":\"read\",\"line\":21,\"column\":26,\"name\":\"k\"},{\"kind\":\"var\",\"line\":21,\"column\":26,\"name\":\"k\"},{\"kind\":\"function\",\"line\":12,\"column\":1,\"name\":\"go\",\"async\":true,\"generator\":false}]");
}

