// net server and client on loopback: request/response over one TCP connection, then both sides close
const net = require('node:net');

const server = net.createServer((socket) => {
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    console.log(`server got ${JSON.stringify(chunk)}`); // queue: io
    socket.write(chunk.toUpperCase());
  });
  socket.on('end', () => {
    console.log('server: client ended its side'); // queue: nextTick
    socket.end();
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log('server listening'); // queue: nextTick
  const messages = ['hello\n', 'event loop\n'];
  const client = net.connect(server.address().port, '127.0.0.1', () => {
    console.log('client connected'); // queue: io
    client.write(messages.shift());
  });
  client.setEncoding('utf8');
  client.on('data', (chunk) => {
    console.log(`client got ${JSON.stringify(chunk)}`); // queue: io
    if (messages.length > 0) client.write(messages.shift());
    else client.end();
  });
  client.on('close', () => {
    console.log('client socket closed'); // queue: close
    server.close(() => {
      console.log('server closed'); // queue: nextTick
    });
  });
});
