const { workerData } = require('node:worker_threads')
setTimeout(() => console.log('deaf worker done', workerData), 20)
