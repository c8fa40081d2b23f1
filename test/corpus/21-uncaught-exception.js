// An exception thrown from a timer is not caught: the process dies with exit code 1 while another timer is pending
// exit: 1
let laterRan = false;
setTimeout(() => {
  laterRan = true;
}, 500);

setTimeout(() => {
  console.log(`timer: about to throw (later timer ran: ${laterRan})`); // queue: timer
  throw new Error('boom from a timer');
}, 10);

Promise.resolve().then(() => {
  console.log('microtask before the crash'); // queue: microtask
});
console.log('main: scheduled a throwing timer'); // queue: main
