var __ls$b_b27iwp = __ls$b_b27iwp ?? __ls$B(), __ls$f = __ls.e(__ls$b_b27iwp + 0); let state = 0;    // ← 1
const o = {                                                                                          // ← 2
v: 'o',                                                                                              // ← 3
f() { var __ls$f = __ls.e(__ls$b_b27iwp + 1); try { return this && this.v; } finally { __ls.x(__ls$f); } },  // ← 4
tag(s) { var __ls$f = __ls.e(__ls$b_b27iwp + 2); try { return this.v + s[0]; } finally { __ls.x(__ls$f); } } };  // ← 5

class Base { async m() { var __ls$f = __ls.e(__ls$b_b27iwp + 4); try { return 'base ' + (__ls.rp(__ls$f, __ls$b_b27iwp + 3, this, "k"), this.k); } finally { __ls.x(__ls$f); } } }  // ← 7
class Derived extends Base {                                                                         // ← 8
constructor() { var __ls$f = __ls.e(__ls$b_b27iwp + 6), __ls$t0; try { super(); (__ls$t0 = this.k = 'd', __ls.wp(__ls$f, __ls$b_b27iwp + 5, this, "k"), __ls$t0); } finally { __ls.x(__ls$f); } }  // ← 9
async m() { var __ls$f = __ls.e(__ls$b_b27iwp + 11), __ls$t0; try { (__ls.rv(__ls$f, __ls$b_b27iwp + 9, __ls$b_b27iwp + 8), __ls$t0 = state++, __ls.wv(__ls$f, __ls$b_b27iwp + 7, __ls$b_b27iwp + 8), __ls$t0); return 'derived+' + await __ls.a(__ls$f, __ls$b_b27iwp + 10, super.m()); } finally { __ls.x(__ls$f); } } }  // ← 10

async function main() { var __ls$f = __ls.e((__ls$b_b27iwp ?? __ls$B()) + 15), __ls$t0; try {        // ← 12
(__ls$t0 = state = 1, __ls.wv(__ls$f, __ls$b_b27iwp + 12, __ls$b_b27iwp + 8), __ls$t0);              // ← 13
log(o.f(), o?.f(), o.f?.(), (o.tag)`x`, (0, o.f)());                                                 // ← 14
log(await __ls.a(__ls$f, __ls$b_b27iwp + 13, new Derived().m()), (__ls.rv(__ls$f, __ls$b_b27iwp + 14, __ls$b_b27iwp + 8), state));  // ← 15
try { o.missing(); } catch (e) { log(e.message); }                                                   // ← 16
try { o.v.missing(); } catch (e) { log(e.message); } } finally { __ls.x(__ls$f); } }                 // ← 17

main(); __ls.x(__ls$f); function __ls$B() { return __ls$b_b27iwp = __ls.r("/golden/this-and-calls.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"function\",\"line\":4,\"column\":5,\"name\":\"f\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":5,\"column\":7,\"name\":\"tag\",\"async\":false,\"generator\":false},{\"kind\":\"kept\",\"line\":7,\"column\":44,\"name\":\"this.k\"},{\"kind\":\"function\",\"line\":7,\"column\":22,\"name\":\"Base.m\",\"async\":true,\"generator\":false},{\"kind\":\"write\",\"line\":9,\"column\":29,\"name\":\"this.k\"},{\"kind\":\"function\",\"line\":9,\"column\":15,\"name\":\"Derived.constructor\",\"async\":false,\"generator\":false},{\"kind\":\"write\",\"line\":10,\"column\":16,\"name\":\"state\"},{\"kind\":\"var\",\"line\":10,\"column\":16,\"name\":\"state\"},{\"kind\":\"kept\",\"line\":10,\"column\":16,\"name\":\"state\"},{\"kind\":\"await\",\"line\":10,\"column\":46},{\"kind\":\"function\",\"line\":10,\"column\":11,\"name\":\"Derived.m\",\"async\":true,\"generator\":false},{\"kind\":\"write\",\"line\":13,\"column\":3,\"name\":\"state\"},{\"kind\":\"await\",\"line\":15,\"column\":7},{\"kind\":\"read\",\"line\":15,\"column\":32,\"name\":\"state\"},{\"kind\":\"function\",\"line\":12,\"column\":1,\"name\":\"main\",\"async\":true,\"generator\":false}]"); }  // ← 19
