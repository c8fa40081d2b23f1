var __ls$b_it5kxb = __ls$b_it5kxb ?? __ls$B(), __ls$f = __ls.e(__ls$b_it5kxb + 0); var flag = 1;     // ← 1
let handler;                                                                                         // ← 2
let X;                                                                                               // ← 3
const obj = { x: 1, y: 2 };                                                                          // ← 4
async function names() { var __ls$f = 0, __ls$t0, __ls$t1, __ls$t2; try { __ls$f = __ls.e((__ls$b_it5kxb ?? __ls$B()) + 13); } catch {} try {  // ← 5
  (handler = function () { __ls.E = __ls$b_it5kxb + 2; __ls.X = __ls$b_it5kxb + 2; }, __ls.WV = __ls$b_it5kxb + 1);  // ← 6
  (__ls.RV = __ls$b_it5kxb + 6, X || (__ls$t0 = X = class {}, __ls.WV = __ls$b_it5kxb + 4, __ls$t0));  // ← 7
  const f = async () => { var __ls$f = 0; try { __ls$f = __ls.e(__ls$b_it5kxb + 7); } catch {} try {} finally { try { __ls.x(__ls$f); } catch {} } };  // ← 8
  (__ls$t1 = obj, __ls$t1.h = function () { __ls.E = __ls$b_it5kxb + 9; __ls.X = __ls$b_it5kxb + 9; }, __ls.wp(__ls$f, __ls$b_it5kxb + 8, __ls$t1, "h"));  // ← 9
  log((__ls.RV = __ls$b_it5kxb + 10, handler).name, (__ls.RV = __ls$b_it5kxb + 11, X).name, f.name, (__ls$t2 = obj, __ls.rp(__ls$f, __ls$b_it5kxb + 12, __ls$t2, "h"), __ls$t2.h).name);  // ← 10
  log(delete obj.x, ('x' in obj), delete obj.y, typeof notDeclaredAnywhere);                         // ← 11
  log(delete flag, typeof flag); } finally { try { __ls.x(__ls$f); } catch {} } }                    // ← 12

names(); __ls.x(__ls$f); function __ls$B() { return __ls$b_it5kxb = __ls.r("/golden/delete-typeof-names.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"write\",\"line\":6,\"column\":3,\"name\":\"handler\",\"v\":3},{\"kind\":\"function\",\"line\":6,\"column\":13,\"name\":\"handler\",\"async\":false,\"generator\":false},{\"kind\":\"var\",\"line\":6,\"column\":3,\"name\":\"handler\"},{\"kind\":\"write\",\"line\":7,\"column\":3,\"name\":\"X\",\"v\":5},{\"kind\":\"var\",\"line\":7,\"column\":3,\"name\":\"X\"},{\"kind\":\"kept\",\"line\":7,\"column\":3,\"name\":\"X\",\"v\":5},{\"kind\":\"function\",\"line\":8,\"column\":13,\"name\":\"f\",\"async\":true,\"generator\":false},{\"kind\":\"write\",\"line\":9,\"column\":3,\"name\":\"obj.h\"},{\"kind\":\"function\",\"line\":9,\"column\":11,\"name\":\"h\",\"async\":false,\"generator\":false},{\"kind\":\"read\",\"line\":10,\"column\":7,\"name\":\"handler\",\"v\":3},{\"kind\":\"read\",\"line\":10,\"column\":21,\"name\":\"X\",\"v\":5},{\"kind\":\"read\",\"line\":10,\"column\":37,\"name\":\"obj.h\"},{\"kind\":\"function\",\"line\":5,\"column\":1,\"name\":\"names\",\"async\":true,\"generator\":false}]"); }  // ← 14
