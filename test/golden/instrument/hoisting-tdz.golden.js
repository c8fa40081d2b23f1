var __ls$b_1iqyih3 = __ls$b_1iqyih3 ?? __ls$B(), __ls$f = __ls.e(__ls$b_1iqyih3 + 0), __ls$v; function top() { __ls$b_1iqyih3 ?? __ls$B(); __ls.E = __ls$b_1iqyih3 + 2;  // ← 1
  var f;                                                                                             // ← 2
  function f() { __ls.E = __ls$b_1iqyih3 + 1; return (__ls.X = __ls$b_1iqyih3 + 1, 'f'); }           // ← 3
  return (__ls$v = typeof f, __ls.X = __ls$b_1iqyih3 + 2, __ls$v); }                                 // ← 4

log(top());                                                                                          // ← 6
async function tdz() { var __ls$f = 0; try { __ls$f = __ls.e((__ls$b_1iqyih3 ?? __ls$B()) + 4); } catch {} try {  // ← 7
  try { log(later); } catch (e) { try { __ls.F = __ls$f; } catch {} log(e.name); }                   // ← 8
  let later = 1;                                                                                     // ← 9
  { let later = 2; log(later); }                                                                     // ← 10
  log(later, hoisted());                                                                             // ← 11
  function hoisted() { __ls.E = __ls$b_1iqyih3 + 3; return (__ls.X = __ls$b_1iqyih3 + 3, 'hoisted'); } } finally { try { __ls.x(__ls$f); } catch {} } }  // ← 12

tdz();                                                                                               // ← 14
function outer(cb = () => { __ls.E = __ls$b_1iqyih3 + 5; return (__ls.X = __ls$b_1iqyih3 + 5, 'default'); }) { __ls$b_1iqyih3 ?? __ls$B(); __ls.E = __ls$b_1iqyih3 + 6; return (__ls$v = cb(), __ls.X = __ls$b_1iqyih3 + 6, __ls$v); }  // ← 15
log(outer());                                                                                        // ← 16
function closes() { __ls$b_1iqyih3 ?? __ls$B(); __ls.E = __ls$b_1iqyih3 + 8;                         // ← 17
  function g() { __ls.E = __ls$b_1iqyih3 + 7; return (__ls$v = lock, __ls.X = __ls$b_1iqyih3 + 7, __ls$v); }  // ← 18
  let lock = 'lock after the function';                                                              // ← 19
  return (__ls$v = g(), __ls.X = __ls$b_1iqyih3 + 8, __ls$v); }                                      // ← 20

log(closes()); __ls.x(__ls$f); function __ls$B() { return __ls$b_1iqyih3 = __ls.r("/golden/hoisting-tdz.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"function\",\"line\":3,\"column\":3,\"name\":\"f\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":1,\"column\":1,\"name\":\"top\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":12,\"column\":3,\"name\":\"hoisted\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":7,\"column\":1,\"name\":\"tdz\",\"async\":true,\"generator\":false},{\"kind\":\"function\",\"line\":15,\"column\":22,\"name\":\"<anonymous>\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":15,\"column\":1,\"name\":\"outer\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":18,\"column\":3,\"name\":\"g\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":17,\"column\":1,\"name\":\"closes\",\"async\":false,\"generator\":false}]"); }  // ← 22
