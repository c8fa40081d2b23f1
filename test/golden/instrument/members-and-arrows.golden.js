var __ls$b_1jsrbnx = __ls$b_1jsrbnx ?? __ls$B(), __ls$f = __ls.e(__ls$b_1jsrbnx + 0);                // ← 1
let current = null;                                                                                  // ← 1
const m = new Map();                                                                                 // ← 2
class Job {                                                                                          // ← 3
  constructor() {                                                                                    // ← 4
    var __ls$f = __ls.e(__ls$b_1jsrbnx + 1);
    try {
      this.host = 'a';                                                                               // ← 4
      this.rest = null;                                                                              // ← 4
    } finally {
      __ls.x(__ls$f);
    }
  }
  async start(d) {                                                                                   // ← 5
    var __ls$f = __ls.e(__ls$b_1jsrbnx + 11), __ls$t0, __ls$t1, __ls$t2, __ls$t3;
    try {
      (__ls$t0 = this.cancel = () => {                                                               // ← 6
        var __ls$f = __ls.e(__ls$b_1jsrbnx + 3);
        try {
          return 'cancelled';                                                                        // ← 6
        } finally {
          __ls.x(__ls$f);
        }
      }, __ls.wp(__ls$f, __ls$b_1jsrbnx + 2, this, "cancel"), __ls$t0);
      (__ls$t1 = m.set(__ls$t2 = 'k', () => {                                                        // ← 7
        var __ls$f = __ls.e(__ls$b_1jsrbnx + 4);
        try {
          return 'fn';                                                                               // ← 7
        } finally {
          __ls.x(__ls$f);
        }
      }), __ls.wm(__ls$f, __ls$b_1jsrbnx + 5, m, [], __ls$t2), __ls$t1);
      ({host: this.host} = d);                                                                       // ← 8
      let a;                                                                                         // ← 9
      [a, ...this.rest] = [1, 2, 3];                                                                 // ← 10
      (__ls$t3 = current = this, __ls.wv(__ls$f, __ls$b_1jsrbnx + 6, __ls$b_1jsrbnx + 7), __ls$t3);  // ← 11
      await __ls.a(__ls$f, __ls$b_1jsrbnx + 8, null);                                                // ← 12
      log(this.cancel(), m.get('k')(), (__ls.rp(__ls$f, __ls$b_1jsrbnx + 9, this, "host"), this.host), a, (__ls.rp(__ls$f, __ls$b_1jsrbnx + 10, this, "rest"), this.rest)); // ← 13
    } finally {
      __ls.x(__ls$f);
    }
  }
}
new Job().start({                                                                                    // ← 16
  host: 'b'                                                                                          // ← 16
}).then(() => {
  var __ls$f = __ls.e(__ls$b_1jsrbnx + 12);
  try {
    return log('current', current instanceof Job);                                                   // ← 16
  } finally {
    __ls.x(__ls$f);
  }
});
__ls.x(__ls$f);
function __ls$B() {
  return __ls$b_1jsrbnx = __ls.r("/golden/members-and-arrows.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"function\",\"line\":4,\"column\":15,\"name\":\"Job.constructor\",\"async\":false,\"generator\":false},{\"kind\":\"write\",\"line\":6,\"column\":5,\"name\":\"this.cancel\"},{\"kind\":\"function\",\"line\":6,\"column\":19,\"name\":\"cancel\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":7,\"column\":16,\"name\":\"set callback\",\"async\":false,\"generator\":false},{\"kind\":\"write\",\"line\":7,\"column\":5,\"name\":\"m\"},{\"kind\":\"write\",\"line\":11,\"column\":5,\"name\":\"current\"},{\"kind\":\"var\",\"line\":11,\"column\":5,\"name\":\"current\"},{\"kind\":\"await\",\"line\":12,\"column\":5},{\"kind\":\"read\",\"line\":13,\"column\":38,\"name\":\"this.host\"},{\"kind\":\"read\",\"line\":13,\"column\":52,\"name\":\"this.rest\"},{\"kind\":\"function\",\"line\":5,\"column\":15,\"name\":\"Job.start\",\"async\":true,\"generator\":false},{\"kind\":\"function\",\"line\":16,\"column\":37,\"name\":\"then callback\",\"async\":false,\"generator\":false}]");
}

