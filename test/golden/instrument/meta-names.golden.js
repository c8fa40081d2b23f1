var __ls$b_rpnvxt = __ls$b_rpnvxt ?? __ls$B(), __ls$f = __ls.e(__ls$b_rpnvxt + 0), __ls$v; let meta = 1;  // ← 1
let target = 2;                                                                                      // ← 2
let of = [1];                                                                                        // ← 3
async function f() { var __ls$f = 0; try { __ls$f = __ls.e((__ls$b_rpnvxt ?? __ls$B()) + 10); } catch {} try {  // ← 4
  (meta = (__ls.RV = __ls$b_rpnvxt + 2, meta) + 1, __ls.WV = __ls$b_rpnvxt + 1);                     // ← 5
  (__ls.RV = __ls$b_rpnvxt + 6, target += 1, __ls.WV = __ls$b_rpnvxt + 4);                           // ← 6
  for (const x of of) { __ls.g(); log(x); }                                                          // ← 7
  function g() { __ls.E = __ls$b_rpnvxt + 7; return (__ls$v = new.target === undefined ? 'call' : 'new', __ls.X = __ls$b_rpnvxt + 7, __ls$v); }  // ← 8
  log((__ls.RV = __ls$b_rpnvxt + 8, meta), (__ls.RV = __ls$b_rpnvxt + 9, target), g(), typeof new g()); } finally { try { __ls.x(__ls$f); } catch {} } }  // ← 9

f(); __ls.x(__ls$f); function __ls$B() { return __ls$b_rpnvxt = __ls.r("/golden/meta-names.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"write\",\"line\":5,\"column\":3,\"name\":\"meta\",\"v\":3},{\"kind\":\"read\",\"line\":5,\"column\":10,\"name\":\"meta\",\"v\":3},{\"kind\":\"var\",\"line\":5,\"column\":10,\"name\":\"meta\"},{\"kind\":\"write\",\"line\":6,\"column\":3,\"name\":\"target\",\"v\":5},{\"kind\":\"var\",\"line\":6,\"column\":3,\"name\":\"target\"},{\"kind\":\"kept\",\"line\":6,\"column\":3,\"name\":\"target\",\"v\":5},{\"kind\":\"function\",\"line\":8,\"column\":3,\"name\":\"g\",\"async\":false,\"generator\":false},{\"kind\":\"read\",\"line\":9,\"column\":7,\"name\":\"meta\",\"v\":3},{\"kind\":\"read\",\"line\":9,\"column\":13,\"name\":\"target\",\"v\":5},{\"kind\":\"function\",\"line\":4,\"column\":1,\"name\":\"f\",\"async\":true,\"generator\":false}]"); }  // ← 11
