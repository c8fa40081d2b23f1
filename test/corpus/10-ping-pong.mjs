// Two coroutines cooperate (ping-pong) through a tiny channel, each resuming the other across awaits
import { setTimeout as sleep } from 'node:timers/promises';

class Channel {
  #items = [];
  #waiters = [];
  send(value) {
    const waiter = this.#waiters.shift();
    if (waiter) waiter(value);
    else this.#items.push(value);
  }
  receive() {
    if (this.#items.length > 0) return Promise.resolve(this.#items.shift());
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

const toPong = new Channel();
const toPing = new Channel();

async function ping(rounds) {
  for (let i = 1; i <= rounds; i++) {
    toPong.send(i);
    const reply = await toPing.receive(); // await
    console.log(`ping received "${reply}"`); // queue: microtask
  }
  toPong.send(0);
  return 'ping done';
}

async function pong() {
  for (;;) {
    const n = await toPong.receive(); // await
    if (n === 0) break;
    console.log(`pong received ${n}`); // queue: microtask
    if (n === 2) {
      await sleep(5); // await
      console.log('pong slept 5 ms before answering 2'); // queue: microtask
    }
    toPing.send(`pong ${n}`);
  }
  return 'pong done';
}

console.log('main: starting both coroutines'); // queue: main
const results = await Promise.all([ping(3), pong()]); // await
console.log(results.join(', ')); // queue: microtask
