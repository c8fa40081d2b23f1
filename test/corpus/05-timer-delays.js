// Timers with different delays fire by due time, equal delays keep creation order, a timer set inside a timer, clearTimeout
const cancelled = setTimeout(() => {
  throw new Error('cancelled timer must not fire');
}, 30);

setTimeout(() => {
  console.log('timeout 250'); // queue: timer
}, 250);

setTimeout(() => {
  console.log('timeout 20'); // queue: timer
  clearTimeout(cancelled);
  setTimeout(() => {
    console.log('timeout 20 + 20, set inside the 20 ms timer'); // queue: timer
  }, 20);
}, 20);

setTimeout(() => {
  console.log('timeout 150, first'); // queue: timer
}, 150);

setTimeout(() => {
  console.log('timeout 150, second'); // queue: timer
}, 150);

setTimeout(() => {
  console.log('timeout 1'); // queue: timer
}, 1);

console.log('all timers scheduled'); // queue: main
