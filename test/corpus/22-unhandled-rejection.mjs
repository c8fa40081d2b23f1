// An async function rejects and nobody handles it: unhandled rejection, exit code 1, pending timer never fires
// exit: 1
let pendingRan = false;
setTimeout(() => {
  pendingRan = true;
}, 500);

async function willReject() {
  await new Promise((resolve) => setTimeout(resolve, 10)); // await
  console.log(`willReject: resumed, rejecting now (pending timer ran: ${pendingRan})`); // queue: microtask
  throw new Error('nobody catches this');
}

console.log('main: calling willReject without handling it'); // queue: main
willReject();
process.nextTick(() => {
  console.log('nextTick still runs before the rejection matters'); // queue: nextTick
});
