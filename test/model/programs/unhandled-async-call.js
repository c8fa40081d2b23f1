// save('b') rejects and nobody handles it: Node ends the program
async function save(name) {
  await new Promise((r) => setTimeout(r, 5));
  throw new Error(`disk full for ${name}`);
}
async function main() {
  await save('a');
}
main().catch(() => console.log('handled'));
save('b');
