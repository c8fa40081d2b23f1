// Child processes: the 'exit' event runs as an I/O callback; results gathered through promises print as microtasks
const { spawn } = require('node:child_process');
const { once } = require('node:events');

async function runChild(label, args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  child.on('exit', (code) => {
    console.log(`child exit event, code ${code}`); // queue: io
  });
  const exited = once(child, 'exit');
  let out = '';
  child.stdout.setEncoding('utf8');
  for await (const chunk of child.stdout) out += chunk; // await
  const [code] = await exited; // await
  console.log(`${label}: stdout ${JSON.stringify(out.trim())}, exit code ${code}`); // queue: microtask
  return code;
}

async function main() {
  const a = await runChild('first child', ['-p', '6 * 7']); // await
  const b = await runChild('second child', ['-e', 'process.exitCode = 7']); // await
  console.log(`exit codes: ${a}, ${b}`); // queue: microtask
}

console.log('main: spawning children one after the other'); // queue: main
main();
