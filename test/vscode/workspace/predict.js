// Predict the Output: every line is a word nothing else on the screen says, so a test can look for it anywhere.
console.log('alpha-first');
setTimeout(() => console.log('delta-timer'), 0);
Promise.resolve().then(() => console.log('charlie-promise'));
process.nextTick(() => console.log('bravo-tick'));
setImmediate(() => console.log('echo-immediate'));
