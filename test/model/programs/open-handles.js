// timeout: 700
// a server and an interval keep the program alive until the time limit
const net = require('node:net');
net.createServer().listen(0, '127.0.0.1');
setInterval(() => {}, 100);
