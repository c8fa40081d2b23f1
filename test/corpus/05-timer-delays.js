// Timers with different delays fire by due time, not creation order; equal delays keep creation order; a timer set inside a timer; clearTimeout
setTimeout(() => {
  console.log('timeout 250, created first'); // queue: timer
}, 250);

setTimeout(() => {
  console.log('timeout 1'); // queue: timer
}, 1);

setTimeout(() => {
  console.log('timeout 20'); // queue: timer
  clearTimeout(cancelled);
  setTimeout(() => {
    console.log('timeout 20 + 20, set inside the 20 ms timer'); // queue: timer
  }, 20);
}, 20);

const cancelled = setTimeout(() => {
  throw new Error('cancelled timer must not fire');
}, 30);

setTimeout(() => {
  console.log('timeout 150, first'); // queue: timer
}, 150);

setTimeout(() => {
  console.log('timeout 150, second'); // queue: timer
}, 150);

console.log('all timers scheduled'); // queue: main
