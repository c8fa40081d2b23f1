// events.on() async iterator and events.once(): an emitter driven by timers, consumed by async iteration until an abort
import { EventEmitter, on, once } from 'node:events';

const sensor = new EventEmitter();
const ac = new AbortController();

let reading = 0;
const timer = setInterval(() => {
  reading += 1;
  console.log(`timer: emitting reading ${reading}`); // queue: timer
  sensor.emit('reading', reading * 10);
  if (reading === 3) {
    clearInterval(timer);
    sensor.emit('done', 'three readings');
  }
}, 5);

const doneP = once(sensor, 'done');
let sum = 0;
try {
  for await (const [value] of on(sensor, 'reading', { signal: ac.signal })) { // await
    sum += value;
    console.log(`consumer got ${value}, sum ${sum}`); // queue: microtask
    if (value === 30) ac.abort();
  }
} catch (err) {
  console.log(`iteration ended by ${err.name}`); // queue: microtask
}
const [why] = await doneP; // await
console.log(`done event: ${why}`); // queue: microtask
