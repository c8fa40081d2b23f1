var __ls$b_b27iwp = __ls$b_b27iwp ?? __ls$B(), __ls$f = __ls.e(__ls$b_b27iwp + 0);                   // ← 1
let state = 0;                                                                                       // ← 1
const o = {                                                                                          // ← 2
  v: 'o',                                                                                            // ← 3
  f() {                                                                                              // ← 4
    var __ls$f = __ls.e(__ls$b_b27iwp + 1);
    try {
      return this && this.v;                                                                         // ← 4
    } finally {
      __ls.x(__ls$f);
    }
  },
  tag(s) {                                                                                           // ← 5
    var __ls$f = __ls.e(__ls$b_b27iwp + 2);
    try {
      return this.v + s[0];                                                                          // ← 5
    } finally {
      __ls.x(__ls$f);
    }
  }
};
class Base {                                                                                         // ← 7
  async m() {                                                                                        // ← 7
    var __ls$f = __ls.e(__ls$b_b27iwp + 4);
    try {
      return 'base ' + (__ls.rp(__ls$f, __ls$b_b27iwp + 3, this, "k"), this.k);                      // ← 7
    } finally {
      __ls.x(__ls$f);
    }
  }
}
class Derived extends Base {                                                                         // ← 8
  constructor() {                                                                                    // ← 9
    var __ls$f = __ls.e(__ls$b_b27iwp + 5);
    try {
      super();                                                                                       // ← 9
      this.k = 'd';                                                                                  // ← 9
    } finally {
      __ls.x(__ls$f);
    }
  }
  async m() {                                                                                        // ← 10
    var __ls$f = __ls.e(__ls$b_b27iwp + 10), __ls$t0;
    try {
      (__ls.rv(__ls$f, __ls$b_b27iwp + 8, __ls$b_b27iwp + 7), __ls$t0 = state++, __ls.wv(__ls$f, __ls$b_b27iwp + 6, __ls$b_b27iwp + 7), __ls$t0); // ← 10
      return 'derived+' + await __ls.a(__ls$f, __ls$b_b27iwp + 9, super.m());                        // ← 10
    } finally {
      __ls.x(__ls$f);
    }
  }
}
async function main() {                                                                              // ← 12
  var __ls$f = __ls.e((__ls$b_b27iwp ?? __ls$B()) + 14), __ls$t0;
  try {
    (__ls$t0 = state = 1, __ls.wv(__ls$f, __ls$b_b27iwp + 11, __ls$b_b27iwp + 7), __ls$t0);          // ← 13
    log(o.f(), o?.f(), o.f?.(), (o.tag)`x`, (0, o.f)());                                             // ← 14
    log(await __ls.a(__ls$f, __ls$b_b27iwp + 12, new Derived().m()), (__ls.rv(__ls$f, __ls$b_b27iwp + 13, __ls$b_b27iwp + 7), state)); // ← 15
    try {                                                                                            // ← 16
      o.missing();                                                                                   // ← 16
    } catch (e) {
      log(e.message);                                                                                // ← 16
    }
    try {                                                                                            // ← 17
      o.v.missing();                                                                                 // ← 17
    } catch (e) {
      log(e.message);                                                                                // ← 17
    }
  } finally {
    __ls.x(__ls$f);
  }
}
main();                                                                                              // ← 19
__ls.x(__ls$f);
function __ls$B() {
  return __ls$b_b27iwp = __ls.r("/golden/this-and-calls.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"function\",\"line\":4,\"column\":5,\"name\":\"f\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":5,\"column\":7,\"name\":\"tag\",\"async\":false,\"generator\":false},{\"kind\":\"kept\",\"line\":7,\"column\":44,\"name\":\"this.k\"},{\"kind\":\"function\",\"line\":7,\"column\":22,\"name\":\"Base.m\",\"async\":true,\"generator\":false},{\"kind\":\"function\",\"line\":9,\"column\":15,\"name\":\"Derived.constructor\",\"async\":false,\"generator\":false},{\"kind\":\"write\",\"line\":10,\"column\":16,\"name\":\"state\"},{\"kind\":\"var\",\"line\":10,\"column\":16,\"name\":\"state\"},{\"kind\":\"kept\",\"line\":10,\"column\":16,\"name\":\"state\"},{\"kind\":\"await\",\"line\":10,\"column\":46},{\"kind\":\"function\",\"line\":10,\"column\":11,\"name\":\"Derived.m\",\"async\":true,\"generator\":false},{\"kind\":\"write\",\"line\":13,\"column\":3,\"name\":\"state\"},{\"kind\":\"await\",\"line\":15,\"column\":7},{\"kind\":\"read\",\"line\":15,\"column\":32,\"name\":\"state\"},{\"kind\":\"function\",\"line\":12,\"column\":1,\"name\":\"main\",\"async\":true,\"generator\":false}]");
}

