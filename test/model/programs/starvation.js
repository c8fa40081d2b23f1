// a timer starved by a microtask queue that never drains for 150 ms
setTimeout(() => console.log('timer'), 5);
const end = Date.now() + 150;
function spin() { if (Date.now() < end) Promise.resolve().then(spin); }
spin();
