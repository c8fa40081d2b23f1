var __ls$b_24ceym = __ls$b_24ceym ?? __ls$B(), __ls$f = __ls.e(__ls$b_24ceym + 0);                   // ← 1
const cache = new Map();                                                                             // ← 1
const seen = new Set();                                                                              // ← 2
let reads = 0;                                                                                       // ← 3
const holder = {                                                                                     // ← 4
  get m() {                                                                                          // ← 4
    var __ls$f = __ls.e(__ls$b_24ceym + 1);
    try {
      reads++;                                                                                       // ← 4
      return cache;                                                                                  // ← 4
    } finally {
      __ls.x(__ls$f);
    }
  }
};
async function load(k) {                                                                             // ← 5
  var __ls$f = __ls.e((__ls$b_24ceym ?? __ls$B()) + 8), __ls$t0, __ls$t1, __ls$t2, __ls$t3, __ls$t4, __ls$t5, __ls$t6, __ls$t7;
  try {
    if (!(__ls$t0 = cache.has(__ls$t1 = k), __ls.rm(__ls$f, __ls$b_24ceym + 2, cache, [], __ls$t1), __ls$t0)) { // ← 6
      await __ls.a(__ls$f, __ls$b_24ceym + 3, null);                                                 // ← 7
      (__ls$t2 = cache.set(__ls$t3 = k, () => {                                                      // ← 8
        var __ls$f = __ls.e(__ls$b_24ceym + 4);
        try {
          return k;                                                                                  // ← 8
        } finally {
          __ls.x(__ls$f);
        }
      }), __ls.wm(__ls$f, __ls$b_24ceym + 5, cache, [], __ls$t3), __ls$t2);
    }
    (__ls$t4 = seen.add(__ls$t5 = k), __ls.wm(__ls$f, __ls$b_24ceym + 6, seen, [], __ls$t5), __ls$t4); // ← 10
    (__ls$t6 = holder.m.has(__ls$t7 = k), __ls.rm(__ls$f, __ls$b_24ceym + 7, holder, ["m"], __ls$t7), __ls$t6); // ← 11
    return cache.get(k)();                                                                           // ← 12
  } finally {
    __ls.x(__ls$f);
  }
}
Promise.all([load('a'), load('a'), load('b')]).then(v => {                                           // ← 14
  var __ls$f = __ls.e(__ls$b_24ceym + 9);
  try {
    return log(v, [...seen], reads, cache.size);                                                     // ← 14
  } finally {
    __ls.x(__ls$f);
  }
});
__ls.x(__ls$f);
function __ls$B() {
  return __ls$b_24ceym = __ls.r("/golden/collections.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"function\",\"line\":4,\"column\":24,\"name\":\"get m\",\"async\":false,\"generator\":false},{\"kind\":\"check\",\"line\":6,\"column\":8,\"name\":\"cache\"},{\"kind\":\"await\",\"line\":7,\"column\":5},{\"kind\":\"function\",\"line\":8,\"column\":18,\"name\":\"set callback\",\"async\":false,\"generator\":false},{\"kind\":\"write\",\"line\":8,\"column\":5,\"name\":\"cache\"},{\"kind\":\"write\",\"line\":10,\"column\":3,\"name\":\"seen\"},{\"kind\":\"read\",\"line\":11,\"column\":3,\"name\":\"holder.m\"},{\"kind\":\"function\",\"line\":5,\"column\":1,\"name\":\"load\",\"async\":true,\"generator\":false},{\"kind\":\"function\",\"line\":14,\"column\":53,\"name\":\"then callback\",\"async\":false,\"generator\":false}]");
}

