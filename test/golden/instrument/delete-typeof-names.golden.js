var __ls$b_it5kxb = __ls$b_it5kxb ?? __ls$B(), __ls$f = __ls.e(__ls$b_it5kxb + 0);                   // ← 1
var flag = 1;                                                                                        // ← 1
let handler;                                                                                         // ← 2
let X;                                                                                               // ← 3
const obj = {                                                                                        // ← 4
  x: 1,                                                                                              // ← 4
  y: 2                                                                                               // ← 4
};
async function names() {                                                                             // ← 5
  var __ls$f = __ls.e((__ls$b_it5kxb ?? __ls$B()) + 13), __ls$t0, __ls$t1, __ls$t2, __ls$t3, __ls$t4;
  try {
    (__ls$t0 = handler = function () {                                                               // ← 6
      var __ls$f = __ls.e(__ls$b_it5kxb + 2);
      try {} finally {
        __ls.x(__ls$f);
      }
    }, __ls.wv(__ls$f, __ls$b_it5kxb + 1, __ls$b_it5kxb + 3), __ls$t0);
    (__ls.rv(__ls$f, __ls$b_it5kxb + 6, __ls$b_it5kxb + 5), X || (__ls$t1 = X = class {}, __ls.wv(__ls$f, __ls$b_it5kxb + 4, __ls$b_it5kxb + 5), __ls$t1)); // ← 7
    const f = async () => {                                                                          // ← 8
      var __ls$f = __ls.e(__ls$b_it5kxb + 7);
      try {} finally {
        __ls.x(__ls$f);
      }
    };
    (__ls$t2 = obj, __ls$t3 = __ls$t2.h = function () {                                              // ← 9
      var __ls$f = __ls.e(__ls$b_it5kxb + 9);
      try {} finally {
        __ls.x(__ls$f);
      }
    }, __ls.wp(__ls$f, __ls$b_it5kxb + 8, __ls$t2, "h"), __ls$t3);
    log((__ls.rv(__ls$f, __ls$b_it5kxb + 10, __ls$b_it5kxb + 3), handler).name, (__ls.rv(__ls$f, __ls$b_it5kxb + 11, __ls$b_it5kxb + 5), X).name, f.name, (__ls$t4 = obj, __ls.rp(__ls$f, __ls$b_it5kxb + 12, __ls$t4, "h"), __ls$t4.h).name); // ← 10
    log(delete obj.x, ('x' in obj), delete obj.y, typeof notDeclaredAnywhere);                       // ← 11
    log(delete flag, typeof flag);                                                                   // ← 12
  } finally {
    __ls.x(__ls$f);
  }
}
names();                                                                                             // ← 14
__ls.x(__ls$f);
function __ls$B() {
  return __ls$b_it5kxb = __ls.r("/golden/delete-typeof-names.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"write\",\"line\":6,\"column\":3,\"name\":\"handler\"},{\"kind\":\"function\",\"line\":6,\"column\":13,\"name\":\"handler\",\"async\":false,\"generator\":false},{\"kind\":\"var\",\"line\":6,\"column\":3,\"name\":\"handler\"},{\"kind\":\"write\",\"line\":7,\"column\":3,\"name\":\"X\"},{\"kind\":\"var\",\"line\":7,\"column\":3,\"name\":\"X\"},{\"kind\":\"kept\",\"line\":7,\"column\":3,\"name\":\"X\"},{\"kind\":\"function\",\"line\":8,\"column\":13,\"name\":\"f\",\"async\":true,\"generator\":false},{\"kind\":\"write\",\"line\":9,\"column\":3,\"name\":\"obj.h\"},{\"kind\":\"function\",\"line\":9,\"column\":11,\"name\":\"h\",\"async\":false,\"generator\":false},{\"kind\":\"read\",\"line\":10,\"column\":7,\"name\":\"handler\"},{\"kind\":\"read\",\"line\":10,\"column\":21,\"name\":\"X\"},{\"kind\":\"read\",\"line\":10,\"column\":37,\"name\":\"obj.h\"},{\"kind\":\"function\",\"line\":5,\"column\":1,\"name\":\"names\",\"async\":true,\"generator\":false}]");
}

