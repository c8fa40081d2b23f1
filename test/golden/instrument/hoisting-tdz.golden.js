var __ls$b_1iqyih3 = __ls$b_1iqyih3 ?? __ls$B(), __ls$f = __ls.e(__ls$b_1iqyih3 + 0); function top() {  // ← 1

function f() { var __ls$f = __ls.e(__ls$b_1iqyih3 + 1); try { return 'f'; } finally { __ls.x(__ls$f); } } var __ls$f = __ls.e((__ls$b_1iqyih3 ?? __ls$B()) + 2); try { var f;  // ← 3
return typeof f; } finally { __ls.x(__ls$f); } }                                                     // ← 4

log(top());                                                                                          // ← 6
async function tdz() { var __ls$f = __ls.e((__ls$b_1iqyih3 ?? __ls$B()) + 4); try {                  // ← 7
try { log(later); } catch (e) { log(e.name); }                                                       // ← 8
let later = 1;                                                                                       // ← 9
{ let later = 2; log(later); }                                                                       // ← 10
log(later, hoisted());                                                                               // ← 11
function hoisted() { var __ls$f = __ls.e(__ls$b_1iqyih3 + 3); try { return 'hoisted'; } finally { __ls.x(__ls$f); } } } finally { __ls.x(__ls$f); } }  // ← 12

tdz();                                                                                               // ← 14
function outer(cb = () => { var __ls$f = __ls.e(__ls$b_1iqyih3 + 5); try { return 'default'; } finally { __ls.x(__ls$f); } }) { var __ls$f = __ls.e((__ls$b_1iqyih3 ?? __ls$B()) + 6); try { return cb(); } finally { __ls.x(__ls$f); } }  // ← 15
log(outer());                                                                                        // ← 16
function closes() { var __ls$f = __ls.e((__ls$b_1iqyih3 ?? __ls$B()) + 8); try {                     // ← 17
function g() { var __ls$f = __ls.e(__ls$b_1iqyih3 + 7); try { return lock; } finally { __ls.x(__ls$f); } }  // ← 18
let lock = 'lock after the function';                                                                // ← 19
return g(); } finally { __ls.x(__ls$f); } }                                                          // ← 20

log(closes()); __ls.x(__ls$f); function __ls$B() { return __ls$b_1iqyih3 = __ls.r("/golden/hoisting-tdz.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"function\",\"line\":3,\"column\":3,\"name\":\"f\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":1,\"column\":1,\"name\":\"top\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":12,\"column\":3,\"name\":\"hoisted\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":7,\"column\":1,\"name\":\"tdz\",\"async\":true,\"generator\":false},{\"kind\":\"function\",\"line\":15,\"column\":22,\"name\":\"<anonymous>\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":15,\"column\":1,\"name\":\"outer\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":18,\"column\":3,\"name\":\"g\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":17,\"column\":1,\"name\":\"closes\",\"async\":false,\"generator\":false}]"); }  // ← 22
