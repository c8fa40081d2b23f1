// The await-heavy program (awaits.js) run inside a worker thread: the main thread only starts it and waits.
const { Worker } = require('node:worker_threads');
new Worker(require('node:path').join(__dirname, 'awaits.js'));
