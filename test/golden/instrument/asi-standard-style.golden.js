'use strict';                                                                                        // ← 1
var __ls$b_1eu3y08 = __ls$b_1eu3y08 ?? __ls$B(), __ls$f = __ls.e(__ls$b_1eu3y08 + 0);
let count = 0;                                                                                       // ← 2
const items = [1, 2, 3];                                                                             // ← 3
async function run() {                                                                               // ← 4
  var __ls$f = __ls.e((__ls$b_1eu3y08 ?? __ls$B()) + 10), __ls$t0, __ls$t1;
  try {
    const n = (__ls.rv(__ls$f, __ls$b_1eu3y08 + 1, __ls$b_1eu3y08 + 2), count);                      // ← 5
    [4, 5].forEach(x => {                                                                            // ← 6
      var __ls$f = __ls.e(__ls$b_1eu3y08 + 4), __ls$t0;
      try {
        return (__ls$t0 = items.push(x), __ls.wa(__ls$f, __ls$b_1eu3y08 + 3, items, []), __ls$t0);
      } finally {
        __ls.x(__ls$f);
      }
    });
    ((function () {                                                                                  // ← 7
      var __ls$f = __ls.e(__ls$b_1eu3y08 + 5);
      try {
        log('iife', this === undefined);                                                             // ← 7
      } finally {
        __ls.x(__ls$f);
      }
    })());
    (__ls$t0 = count = n + 1, __ls.wv(__ls$f, __ls$b_1eu3y08 + 6, __ls$b_1eu3y08 + 2), __ls$t0);     // ← 8
    `tpl`;                                                                                           // ← 9
    await __ls.a(__ls$f, __ls$b_1eu3y08 + 7, null);                                                  // ← 10
    log('items', (__ls$t1 = items, __ls.rp(__ls$f, __ls$b_1eu3y08 + 8, __ls$t1, "length"), __ls$t1.length), (__ls.rv(__ls$f, __ls$b_1eu3y08 + 9, __ls$b_1eu3y08 + 2), count)); // ← 11
  } finally {
    __ls.x(__ls$f);
  }
}
run().then(() => {                                                                                   // ← 13
  var __ls$f = __ls.e(__ls$b_1eu3y08 + 11);
  try {
    return log('done');                                                                              // ← 13
  } finally {
    __ls.x(__ls$f);
  }
});
__ls.x(__ls$f);
function __ls$B() {
  return __ls$b_1eu3y08 = __ls.r("/golden/asi-standard-style.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"kept\",\"line\":5,\"column\":13,\"name\":\"count\"},{\"kind\":\"var\",\"line\":5,\"column\":13,\"name\":\"count\"},{\"kind\":\"write\",\"line\":6,\"column\":24,\"name\":\"items\"},{\"kind\":\"function\",\"line\":6,\"column\":19,\"name\":\"forEach callback\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":7,\"column\":5,\"name\":\"<anonymous>\",\"async\":false,\"generator\":false},{\"kind\":\"write\",\"line\":8,\"column\":3,\"name\":\"count\"},{\"kind\":\"await\",\"line\":10,\"column\":3},{\"kind\":\"read\",\"line\":11,\"column\":16,\"name\":\"items.length\"},{\"kind\":\"read\",\"line\":11,\"column\":30,\"name\":\"count\"},{\"kind\":\"function\",\"line\":4,\"column\":1,\"name\":\"run\",\"async\":true,\"generator\":false},{\"kind\":\"function\",\"line\":13,\"column\":12,\"name\":\"then callback\",\"async\":false,\"generator\":false}]");
}

