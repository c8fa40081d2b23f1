var __ls$b_1iqyih3 = __ls$b_1iqyih3 ?? __ls$B(), __ls$f = __ls.e(__ls$b_1iqyih3 + 0);                // ← 1
function top() {                                                                                     // ← 1
  function f() {                                                                                     // ← 3
    var __ls$f = __ls.e(__ls$b_1iqyih3 + 1);
    try {
      return 'f';                                                                                    // ← 3
    } finally {
      __ls.x(__ls$f);
    }
  }
  var __ls$f = __ls.e((__ls$b_1iqyih3 ?? __ls$B()) + 2);
  try {
    var f;                                                                                           // ← 2
    return typeof f;                                                                                 // ← 4
  } finally {
    __ls.x(__ls$f);
  }
}
log(top());                                                                                          // ← 6
async function tdz() {                                                                               // ← 7
  var __ls$f = __ls.e((__ls$b_1iqyih3 ?? __ls$B()) + 4);
  try {
    try {                                                                                            // ← 8
      log(later);                                                                                    // ← 8
    } catch (e) {
      log(e.name);                                                                                   // ← 8
    }
    let later = 1;                                                                                   // ← 9
    {                                                                                                // ← 10
      let later = 2;                                                                                 // ← 10
      log(later);                                                                                    // ← 10
    }
    log(later, hoisted());                                                                           // ← 11
    function hoisted() {                                                                             // ← 12
      var __ls$f = __ls.e(__ls$b_1iqyih3 + 3);
      try {
        return 'hoisted';                                                                            // ← 12
      } finally {
        __ls.x(__ls$f);
      }
    }
  } finally {
    __ls.x(__ls$f);
  }
}
tdz();                                                                                               // ← 14
function outer(cb = () => {                                                                          // ← 15
  var __ls$f = __ls.e(__ls$b_1iqyih3 + 5);
  try {
    return 'default';                                                                                // ← 15
  } finally {
    __ls.x(__ls$f);
  }
}) {
  var __ls$f = __ls.e((__ls$b_1iqyih3 ?? __ls$B()) + 6);
  try {
    return cb();                                                                                     // ← 15
  } finally {
    __ls.x(__ls$f);
  }
}
log(outer());                                                                                        // ← 16
function closes() {                                                                                  // ← 17
  var __ls$f = __ls.e((__ls$b_1iqyih3 ?? __ls$B()) + 8);
  try {
    function g() {                                                                                   // ← 18
      var __ls$f = __ls.e(__ls$b_1iqyih3 + 7);
      try {
        return lock;                                                                                 // ← 18
      } finally {
        __ls.x(__ls$f);
      }
    }
    let lock = 'lock after the function';                                                            // ← 19
    return g();                                                                                      // ← 20
  } finally {
    __ls.x(__ls$f);
  }
}
log(closes());                                                                                       // ← 22
__ls.x(__ls$f);
function __ls$B() {
  return __ls$b_1iqyih3 = __ls.r("/golden/hoisting-tdz.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"function\",\"line\":3,\"column\":3,\"name\":\"f\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":1,\"column\":1,\"name\":\"top\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":12,\"column\":3,\"name\":\"hoisted\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":7,\"column\":1,\"name\":\"tdz\",\"async\":true,\"generator\":false},{\"kind\":\"function\",\"line\":15,\"column\":22,\"name\":\"<anonymous>\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":15,\"column\":1,\"name\":\"outer\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":18,\"column\":3,\"name\":\"g\",\"async\":false,\"generator\":false},{\"kind\":\"function\",\"line\":17,\"column\":1,\"name\":\"closes\",\"async\":false,\"generator\":false}]");
}

