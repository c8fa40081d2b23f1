var __ls$b_1kh5t7l = __ls$b_1kh5t7l ?? __ls$B(), __ls$f = __ls.e(__ls$b_1kh5t7l + 0);                // ← 1
let total = 0;                                                                                       // ← 1
function* gen(n) {                                                                                   // ← 2
  var __ls$f = __ls.e((__ls$b_1kh5t7l ?? __ls$B()) + 2);
  try {
    for (let i = 0; i < n; i++) {                                                                    // ← 2
      __ls.g();
      const got = __ls.yr(__ls$f, yield __ls.y(__ls$f, __ls$b_1kh5t7l + 1, i));                      // ← 2
      if (got) total += got;                                                                         // ← 2
    }
    return 'end';                                                                                    // ← 2
  } finally {
    __ls.x(__ls$f);
  }
}
async function* agen() {                                                                             // ← 3
  var __ls$f = __ls.e((__ls$b_1kh5t7l ?? __ls$B()) + 6);
  try {
    __ls.yr(__ls$f, yield __ls.y(__ls$f, __ls$b_1kh5t7l + 3, 1));                                    // ← 3
    await __ls.a(__ls$f, __ls$b_1kh5t7l + 4, null);                                                  // ← 3
    __ls.yr(__ls$f, yield __ls.y(__ls$f, __ls$b_1kh5t7l + 5, 2));                                    // ← 3
  } finally {
    __ls.x(__ls$f);
  }
}
async function main() {                                                                              // ← 4
  var __ls$f = __ls.e((__ls$b_1kh5t7l ?? __ls$B()) + 10);
  try {
    const it = gen(3);                                                                               // ← 5
    log(it.next().value, it.next(5).value, it.next(1).value, it.next().value, (__ls.rv(__ls$f, __ls$b_1kh5t7l + 7, __ls$b_1kh5t7l + 8), total)); // ← 6
    outer: for (const a of [1, 2]) {                                                                 // ← 7
      __ls.g();
      for (const b of [1, 2]) {                                                                      // ← 7
        __ls.g();
        if (b === 2) continue outer;                                                                 // ← 7
        log(a, b);                                                                                   // ← 7
      }
    }
    {
      __ls.fa(__ls$f, __ls$b_1kh5t7l + 9);
      for await (const v of agen()) {                                                                // ← 8
        __ls.g();
        __ls.fr(__ls$f);
        try {
          log('v', v);                                                                               // ← 8
        } finally {
          __ls.fa(__ls$f, __ls$b_1kh5t7l + 9);
        }
      }
    }
    let i = 0;                                                                                       // ← 9
    do {                                                                                             // ← 10
      __ls.g();
      i++;                                                                                           // ← 10
    } while (i < 3);
    while (i < 5) {                                                                                  // ← 11
      __ls.g();
      i++;                                                                                           // ← 11
    }
    log(i);                                                                                          // ← 12
  } finally {
    __ls.x(__ls$f);
  }
}
main();                                                                                              // ← 14
__ls.x(__ls$f);
function __ls$B() {
  return __ls$b_1kh5t7l = __ls.r("/golden/generators-loops.js", "[{\"kind\":\"module\",\"line\":1,\"column\":1,\"name\":\"<module>\",\"async\":false},{\"kind\":\"yield\",\"line\":2,\"column\":63},{\"kind\":\"function\",\"line\":2,\"column\":1,\"name\":\"gen\",\"async\":false,\"generator\":true},{\"kind\":\"yield\",\"line\":3,\"column\":27},{\"kind\":\"await\",\"line\":3,\"column\":36},{\"kind\":\"yield\",\"line\":3,\"column\":48},{\"kind\":\"function\",\"line\":3,\"column\":1,\"name\":\"agen\",\"async\":true,\"generator\":true},{\"kind\":\"read\",\"line\":6,\"column\":77,\"name\":\"total\"},{\"kind\":\"var\",\"line\":6,\"column\":77,\"name\":\"total\"},{\"kind\":\"for-await\",\"line\":8,\"column\":3},{\"kind\":\"function\",\"line\":4,\"column\":1,\"name\":\"main\",\"async\":true,\"generator\":false}]");
}

