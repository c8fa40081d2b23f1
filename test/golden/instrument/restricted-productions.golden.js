var __ls$b_11ocrth = __ls$b_11ocrth ?? __ls$B(), __ls$f = __ls.e(__ls$b_11ocrth + 0);                // ← 1

const state = { v: 1 };                                                                              // ← 3
function value() { var __ls$f = __ls.e((__ls$b_11ocrth ?? __ls$B()) + 2), __ls$t0; try {             // ← 4
return (                                                                                             // ← 5
(__ls$t0 = state, __ls.rp(__ls$f, __ls$b_11ocrth + 1, __ls$t0, "v"), __ls$t0.v) + 1); } finally { __ls.x(__ls$f); } }  // ← 6


function fail() { var __ls$f = __ls.e((__ls$b_11ocrth ?? __ls$B()) + 3); try {                       // ← 9
throw (                                                                                              // ← 10
new Error('thrown')); } finally { __ls.x(__ls$f); } }                                                // ← 11


function* gen() { var __ls$f = __ls.e((__ls$b_11ocrth ?? __ls$B()) + 6); try {                       // ← 14
const x = __ls.yr(__ls$f, yield __ls.y(__ls$f, __ls$b_11ocrth + 4,                                   // ← 15
'first'));                                                                                           // ← 16

__ls.yr(__ls$f, yield __ls.y(__ls$f, __ls$b_11ocrth + 5,                                             // ← 18
x * 2)); } finally { __ls.x(__ls$f); } }                                                             // ← 19


async function later() { var __ls$f = __ls.e((__ls$b_11ocrth ?? __ls$B()) + 10), __ls$t0, __ls$t1, __ls$t2; try {  // ← 22
(__ls$t0 = state, __ls$t1 = __ls$t0.v = 5, __ls.wp(__ls$f, __ls$b_11ocrth + 7, __ls$t0, "v"), __ls$t1);  // ← 23
await __ls.a(__ls$f, __ls$b_11ocrth + 8, null);                                                      // ← 24
return (__ls$t2 =                                                                                    // ← 25
state, __ls.rp(__ls$f, __ls$b_11ocrth + 9, __ls$t2, "v"), __ls$t2.v); } finally { __ls.x(__ls$f); } }  // ← 26


log(value());                                                                                        // ← 29
try { fail(); } catch (e) { log(e.message); }                                                        // ← 30
const g = gen();                                                                                     // ← 31
log(g.next().value, g.next(21).value);                                                               // ← 32
later().then(v => { var __ls$f = __ls.e(__ls$b_11ocrth + 11); try { return log(v); } finally { __ls.x(__ls$f); } }); __ls.x(__ls$f); function __ls$B() { return __ls$b_11ocrth = __ls.r("/golden/restricted-productions.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"kept\",\"line\":6,\"column\":5,\"name\":\"state.v\"},{\"kind\":\"function\",\"line\":4,\"column\":1,\"name\":\"value\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":9,\"column\":1,\"name\":\"fail\",\"async\":false,\"generator\":false},{\"kind\":\"yield\",\"line\":15,\"column\":13},{\"kind\":\"yield\",\"line\":18,\"column\":3},{\"kind\":\"function\",\"line\":14,\"column\":1,\"name\":\"gen\",\"async\":false,\"generator\":true},{\"kind\":\"write\",\"line\":23,\"column\":3,\"name\":\"state.v\"},{\"kind\":\"await\",\"line\":24,\"column\":3},{\"kind\":\"kept\",\"line\":26,\"column\":5,\"name\":\"state.v\"},{\"kind\":\"function\",\"line\":22,\"column\":1,\"name\":\"later\",\"async\":true,\"generator\":false},{\"kind\":\"function\",\"line\":33,\"column\":14,\"name\":\"then callback\",\"async\":false,\"generator\":false}]"); }  // ← 33
