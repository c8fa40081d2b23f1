// Check-then-act on a class field: two callers both see this.tokens > 0, both await, both take a token, and the bucket goes negative.
// expect: check-then-act this.tokens
import { setTimeout as sleep } from 'node:timers/promises';

class TokenBucket {
  constructor(tokens) {
    this.tokens = tokens;
  }

  async take(name, ms) {
    if (this.tokens > 0) { // check
      await sleep(ms); // await
      this.tokens -= 1; // act
      return `${name}: granted`;
    }
    return `${name}: refused`;
  }
}

const bucket = new TokenBucket(1);
const results = await Promise.all([bucket.take('A', 10), bucket.take('B', 20)]);
for (const line of results) console.log(line);
console.log(`tokens left: ${bucket.tokens} (never below 0 expected)`);
