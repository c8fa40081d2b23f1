var __ls$b_11ocrth = __ls$b_11ocrth ?? __ls$B(), __ls$f = __ls.e(__ls$b_11ocrth + 0), __ls$v;        // ← 1

const state = { v: 1 };                                                                              // ← 3
function value() { __ls$b_11ocrth ?? __ls$B(); __ls.E = __ls$b_11ocrth + 2; var __ls$t0;             // ← 4
  return (__ls$v =                                                                                   // ← 5
    (__ls$t0 = state, __ls.rp(0, __ls$b_11ocrth + 1, __ls$t0, "v"), __ls$t0.v) + 1, __ls.X = __ls$b_11ocrth + 2, __ls$v); }  // ← 6


function fail() { __ls$b_11ocrth ?? __ls$B(); __ls.E = __ls$b_11ocrth + 3;                           // ← 9
  throw (                                                                                            // ← 10
    new Error('thrown')); }                                                                          // ← 11


function* gen() { var __ls$f = 0; try { __ls$f = __ls.e((__ls$b_11ocrth ?? __ls$B()) + 6); } catch {} try {  // ← 14
  const x = __ls.yr(__ls$f, yield __ls.y(__ls$f, __ls$b_11ocrth + 4,                                 // ← 15
    'first'));                                                                                       // ← 16

  __ls.yr(__ls$f, yield __ls.y(__ls$f, __ls$b_11ocrth + 5,                                           // ← 18
    x * 2)); } finally { try { __ls.x(__ls$f); } catch {} } }                                        // ← 19


async function later() { var __ls$f = 0, __ls$t0, __ls$t1; try { __ls$f = __ls.e((__ls$b_11ocrth ?? __ls$B()) + 10); } catch {} try {  // ← 22
  (__ls$t0 = state, __ls$t0.v = 5, __ls.wp(__ls$f, __ls$b_11ocrth + 7, __ls$t0, "v"));               // ← 23
  await __ls.a(__ls$f, __ls$b_11ocrth + 8, null);                                                    // ← 24
  return (__ls$t1 =                                                                                  // ← 25
    state, __ls.rp(__ls$f, __ls$b_11ocrth + 9, __ls$t1, "v"), __ls$t1.v); } finally { try { __ls.x(__ls$f); } catch {} } }  // ← 26


log(value());                                                                                        // ← 29
try { fail(); } catch (e) { __ls.F = __ls$f; log(e.message); }                                       // ← 30
const g = gen();                                                                                     // ← 31
log(g.next().value, g.next(21).value);                                                               // ← 32
later().then(v => { __ls.E = __ls$b_11ocrth + 11; return (__ls$v = log(v), __ls.X = __ls$b_11ocrth + 11, __ls$v); }); __ls.x(__ls$f); function __ls$B() { return __ls$b_11ocrth = __ls.r("/golden/restricted-productions.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"kept\",\"line\":6,\"column\":5,\"name\":\"state.v\"},{\"kind\":\"function\",\"line\":4,\"column\":1,\"name\":\"value\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":9,\"column\":1,\"name\":\"fail\",\"async\":false,\"generator\":false},{\"kind\":\"yield\",\"line\":15,\"column\":13},{\"kind\":\"yield\",\"line\":18,\"column\":3},{\"kind\":\"function\",\"line\":14,\"column\":1,\"name\":\"gen\",\"async\":false,\"generator\":true},{\"kind\":\"write\",\"line\":23,\"column\":3,\"name\":\"state.v\"},{\"kind\":\"await\",\"line\":24,\"column\":3},{\"kind\":\"kept\",\"line\":26,\"column\":5,\"name\":\"state.v\"},{\"kind\":\"function\",\"line\":22,\"column\":1,\"name\":\"later\",\"async\":true,\"generator\":false},{\"kind\":\"function\",\"line\":33,\"column\":14,\"name\":\"then callback\",\"async\":false,\"generator\":false}]"); }  // ← 33
