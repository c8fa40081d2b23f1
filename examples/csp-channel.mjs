// Processes that share nothing and talk only through a channel (CSP): a producer and a consumer, first as two
// worker threads (two event loops) joined by a MessageChannel, then as two coroutines on one event loop joined by a
// channel made of promises. The same work and the same output; trace it to see the loops side by side.
import { Worker, MessageChannel, isMainThread, workerData, parentPort } from 'node:worker_threads';
import { once } from 'node:events';

const ITEMS = [3, 1, 4, 1, 5];

/** A channel between coroutines: send() waits until the value is taken, receive() until one is sent. */
class Channel {
  #senders = [];
  #receivers = [];
  send(value) {
    return new Promise((taken) => {
      const receiver = this.#receivers.shift();
      if (receiver) {
        receiver(value);
        taken();
      } else this.#senders.push({ value, taken });
    });
  }
  receive() {
    return new Promise((resolve) => {
      const sender = this.#senders.shift();
      if (sender) {
        sender.taken();
        resolve(sender.value);
      } else this.#receivers.push(resolve);
    });
  }
}

async function produce(channel) {
  for (const item of ITEMS) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await channel.send(item);
  }
  await channel.send('done');
}

async function consume(channel) {
  let total = 0;
  for (let item = await channel.receive(); item !== 'done'; item = await channel.receive()) {
    total += item;
    console.log(`consumer coroutine: got ${item}, total ${total}`);
  }
  return total;
}

if (isMainThread) {
  console.log('two threads, one MessageChannel:');
  const { port1, port2 } = new MessageChannel();
  const consumer = new Worker(new URL(import.meta.url), { workerData: { role: 'consumer', port: port2 }, transferList: [port2] });
  new Worker(new URL(import.meta.url), { workerData: { role: 'producer', port: port1 }, transferList: [port1] });
  // its answer, and its end (so that everything it printed is out)
  const [[total]] = await Promise.all([once(consumer, 'message'), once(consumer, 'exit')]);
  console.log(`main: the consumer thread summed ${total}`);

  console.log('two coroutines, one event loop:');
  const channel = new Channel();
  const [, sum] = await Promise.all([produce(channel), consume(channel)]);
  console.log(`main: the consumer coroutine summed ${sum}`);
} else if (workerData.role === 'producer') {
  // the producer thread: one message per item, then "done"
  const { port } = workerData;
  for (const item of ITEMS) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    port.postMessage(item);
  }
  port.postMessage('done');
  port.close();
} else {
  // the consumer thread: adds what arrives until "done", then tells the main thread
  const { port } = workerData;
  let total = 0;
  port.on('message', (item) => {
    if (item === 'done') {
      parentPort.postMessage(total);
      port.close();
      return;
    }
    total += item;
    console.log(`consumer thread: got ${item}, total ${total}`);
  });
}
