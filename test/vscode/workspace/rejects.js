// An async call nobody awaits: its rejection goes unhandled and Node ends the program.
async function save(name) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  throw new Error(`disk full while saving ${name}`);
}
save('report.txt');
