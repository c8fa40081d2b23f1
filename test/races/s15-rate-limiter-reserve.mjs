// No race (fixed r16): the token is taken from this.tokens in the same synchronous step as the check, before the await.
// expect: none
import { setTimeout as sleep } from 'node:timers/promises';

class TokenBucket {
  constructor(tokens) {
    this.tokens = tokens;
  }

  async take(name, ms) {
    if (this.tokens === 0) return `${name}: refused`;
    this.tokens -= 1;
    await sleep(ms);
    return `${name}: granted`;
  }
}

const bucket = new TokenBucket(1);
const results = await Promise.all([bucket.take('A', 10), bucket.take('B', 20)]);
for (const line of results) console.log(line);
console.log(`tokens left: ${bucket.tokens}`);
