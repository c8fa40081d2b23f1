// A destroyed socket's 'close' event runs in the loop's close phase: after this turn's immediates, before the next timers
const net = require('node:net');

const server = net.createServer((socket) => {
  socket.on('data', () => {
    console.log('server: data, destroying the socket'); // queue: io
    socket.destroy();
    setImmediate(() => {
      console.log('immediate queued in the data callback'); // queue: immediate
    });
    setTimeout(() => {
      console.log('timeout 0 queued in the data callback'); // queue: timer
      client.destroy();
      server.close(() => {
        console.log('server closed'); // queue: nextTick
      });
    }, 0);
  });
  socket.on('close', (hadError) => {
    console.log(`server-side socket close event (hadError: ${hadError})`); // queue: close
  });
});

let client;
server.listen(0, '127.0.0.1', () => {
  client = net.connect(server.address().port, '127.0.0.1', () => {
    client.write('ping');
  });
  client.on('error', () => {});
});
