// fs callback API: write, append, read, stat, readdir, unlink in a temp folder, nested callbacks, an ENOENT error
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

fs.mkdtemp(path.join(os.tmpdir(), 'loopscope-fs-cb-'), (err, dir) => {
  if (err) throw err;
  console.log('mkdtemp done'); // queue: io
  const file = path.join(dir, 'notes.txt');
  fs.writeFile(file, 'line one\n', (err1) => {
    if (err1) throw err1;
    console.log('writeFile done'); // queue: io
    fs.appendFile(file, 'line two\n', (err2) => {
      if (err2) throw err2;
      console.log('appendFile done'); // queue: io
      fs.readFile(file, 'utf8', (err3, text) => {
        if (err3) throw err3;
        console.log(`readFile: ${JSON.stringify(text)}`); // queue: io
        fs.stat(file, (err4, st) => {
          if (err4) throw err4;
          console.log(`stat: ${st.size} bytes`); // queue: io
          fs.readdir(dir, (err5, names) => {
            if (err5) throw err5;
            console.log(`readdir: ${names.join(',')}`); // queue: io
            fs.unlink(file, (err6) => {
              if (err6) throw err6;
              fs.rmdir(dir, (err7) => {
                if (err7) throw err7;
                console.log('temp folder removed'); // queue: io
                fs.readFile(path.join(dir, 'does-not-exist.txt'), (err8) => {
                  console.log(`missing file: ${err8.code}`); // queue: io
                });
              });
            });
          });
        });
      });
    });
  });
});
