var __ls$b_b27iwp = __ls$b_b27iwp ?? __ls$B(), __ls$f = __ls.e(__ls$b_b27iwp + 0), __ls$v; let state = 0;  // ← 1
const o = {                                                                                          // ← 2
  v: 'o',                                                                                            // ← 3
  f() { __ls.E = __ls$b_b27iwp + 1; return (__ls$v = this && this.v, __ls.X = __ls$b_b27iwp + 1, __ls$v); },  // ← 4
  tag(s) { __ls.E = __ls$b_b27iwp + 2; return (__ls$v = this.v + s[0], __ls.X = __ls$b_b27iwp + 2, __ls$v); } };  // ← 5

class Base { async m() { var __ls$f = 0; try { __ls$f = __ls.e(__ls$b_b27iwp + 4); } catch {} try { return 'base ' + (__ls.rp(__ls$f, __ls$b_b27iwp + 3, this, "k"), this.k); } finally { try { __ls.x(__ls$f); } catch {} } } }  // ← 7
class Derived extends Base {                                                                         // ← 8
  constructor() { __ls.E = __ls$b_b27iwp + 6; super(); (this.k = 'd', __ls.wp(0, __ls$b_b27iwp + 5, this, "k")); __ls.X = __ls$b_b27iwp + 6; }  // ← 9
  async m() { var __ls$f = 0; try { __ls$f = __ls.e(__ls$b_b27iwp + 11); } catch {} try { (__ls.RV = __ls$b_b27iwp + 9, state++, __ls.WV = __ls$b_b27iwp + 7); return 'derived+' + await __ls.a(__ls$f, __ls$b_b27iwp + 10, super.m()); } finally { try { __ls.x(__ls$f); } catch {} } } }  // ← 10

async function main() { var __ls$f = 0; try { __ls$f = __ls.e((__ls$b_b27iwp ?? __ls$B()) + 15); } catch {} try {  // ← 12
  (state = 1, __ls.WV = __ls$b_b27iwp + 12);                                                         // ← 13
  log(o.f(), o?.f(), o.f?.(), (o.tag)`x`, (0, o.f)());                                               // ← 14
  log(await __ls.a(__ls$f, __ls$b_b27iwp + 13, new Derived().m()), (__ls.RV = __ls$b_b27iwp + 14, state));  // ← 15
  try { o.missing(); } catch (e) { try { __ls.F = __ls$f; } catch {} log(e.message); }               // ← 16
  try { o.v.missing(); } catch (e) { try { __ls.F = __ls$f; } catch {} log(e.message); } } finally { try { __ls.x(__ls$f); } catch {} } }  // ← 17

main(); __ls.x(__ls$f); function __ls$B() { return __ls$b_b27iwp = __ls.r("/golden/this-and-calls.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"function\",\"line\":4,\"column\":5,\"name\":\"f\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":5,\"column\":7,\"name\":\"tag\",\"async\":false,\"generator\":false},{\"kind\":\"kept\",\"line\":7,\"column\":44,\"name\":\"this.k\"},{\"kind\":\"function\",\"line\":7,\"column\":22,\"name\":\"Base.m\",\"async\":true,\"generator\":false},{\"kind\":\"write\",\"line\":9,\"column\":29,\"name\":\"this.k\"},{\"kind\":\"function\",\"line\":9,\"column\":15,\"name\":\"Derived.constructor\",\"async\":false,\"generator\":false},{\"kind\":\"write\",\"line\":10,\"column\":16,\"name\":\"state\",\"v\":8},{\"kind\":\"var\",\"line\":10,\"column\":16,\"name\":\"state\"},{\"kind\":\"kept\",\"line\":10,\"column\":16,\"name\":\"state\",\"v\":8},{\"kind\":\"await\",\"line\":10,\"column\":46},{\"kind\":\"function\",\"line\":10,\"column\":11,\"name\":\"Derived.m\",\"async\":true,\"generator\":false},{\"kind\":\"write\",\"line\":13,\"column\":3,\"name\":\"state\",\"v\":8},{\"kind\":\"await\",\"line\":15,\"column\":7},{\"kind\":\"read\",\"line\":15,\"column\":32,\"name\":\"state\",\"v\":8},{\"kind\":\"function\",\"line\":12,\"column\":1,\"name\":\"main\",\"async\":true,\"generator\":false}]"); }  // ← 19
