var __ls$b_rpnvxt = __ls$b_rpnvxt ?? __ls$B(), __ls$f = __ls.e(__ls$b_rpnvxt + 0); let meta = 1;     // ← 1
let target = 2;                                                                                      // ← 2
let of = [1];                                                                                        // ← 3
async function f() { var __ls$f = __ls.e((__ls$b_rpnvxt ?? __ls$B()) + 10), __ls$t0, __ls$t1; try {  // ← 4
(__ls$t0 = meta = (__ls.rv(__ls$f, __ls$b_rpnvxt + 2, __ls$b_rpnvxt + 3), meta) + 1, __ls.wv(__ls$f, __ls$b_rpnvxt + 1, __ls$b_rpnvxt + 3), __ls$t0);  // ← 5
(__ls.rv(__ls$f, __ls$b_rpnvxt + 6, __ls$b_rpnvxt + 5), __ls$t1 = target += 1, __ls.wv(__ls$f, __ls$b_rpnvxt + 4, __ls$b_rpnvxt + 5), __ls$t1);  // ← 6
for (const x of of) { __ls.g(); log(x); }                                                            // ← 7
function g() { var __ls$f = __ls.e(__ls$b_rpnvxt + 7); try { return new.target === undefined ? 'call' : 'new'; } finally { __ls.x(__ls$f); } }  // ← 8
log((__ls.rv(__ls$f, __ls$b_rpnvxt + 8, __ls$b_rpnvxt + 3), meta), (__ls.rv(__ls$f, __ls$b_rpnvxt + 9, __ls$b_rpnvxt + 5), target), g(), typeof new g()); } finally { __ls.x(__ls$f); } }  // ← 9

f(); __ls.x(__ls$f); function __ls$B() { return __ls$b_rpnvxt = __ls.r("/golden/meta-names.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"write\",\"line\":5,\"column\":3,\"name\":\"meta\"},{\"kind\":\"read\",\"line\":5,\"column\":10,\"name\":\"meta\"},{\"kind\":\"var\",\"line\":5,\"column\":10,\"name\":\"meta\"},{\"kind\":\"write\",\"line\":6,\"column\":3,\"name\":\"target\"},{\"kind\":\"var\",\"line\":6,\"column\":3,\"name\":\"target\"},{\"kind\":\"kept\",\"line\":6,\"column\":3,\"name\":\"target\"},{\"kind\":\"function\",\"line\":8,\"column\":3,\"name\":\"g\",\"async\":false,\"generator\":false},{\"kind\":\"read\",\"line\":9,\"column\":7,\"name\":\"meta\"},{\"kind\":\"read\",\"line\":9,\"column\":13,\"name\":\"target\"},{\"kind\":\"function\",\"line\":4,\"column\":1,\"name\":\"f\",\"async\":true,\"generator\":false}]"); }  // ← 11
