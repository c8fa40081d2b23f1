// Inside an I/O callback setImmediate always runs before setTimeout 0; repeated from a second fs callback
const fs = require('node:fs');

fs.readFile(__filename, 'utf8', (err, text) => {
  if (err) throw err;
  console.log(`readFile callback, first line starts with "${text.slice(0, 2)}"`); // queue: io
  setTimeout(() => {
    console.log('timeout 1'); // queue: timer
    fs.stat(__filename, (err2, st) => {
      if (err2) throw err2;
      console.log(`stat callback, is a file: ${st.isFile()}`); // queue: io
      setTimeout(() => {
        console.log('timeout 2'); // queue: timer
      }, 0);
      setImmediate(() => {
        console.log('immediate 2'); // queue: immediate
      });
    });
  }, 0);
  setImmediate(() => {
    console.log('immediate 1'); // queue: immediate
  });
});

console.log('main: readFile started'); // queue: main
