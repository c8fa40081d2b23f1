// a timer callback that keeps the event loop busy for 250 ms
setTimeout(function crunch() {
  const end = Date.now() + 250;
  while (Date.now() < end) {}
}, 1);
setTimeout(() => console.log('late'), 5);
