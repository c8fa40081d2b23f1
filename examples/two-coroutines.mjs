// Two coroutines cooperate through the event loop: only one runs at a time, and each `await` hands control back.
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function worker(name, steps, ms) {
  for (let i = 1; i <= steps; i++) {
    console.log(`${name}: step ${i}`);
    await pause(ms);
  }
  console.log(`${name}: done`);
  return name;
}

const finished = await Promise.all([worker('ping', 3, 10), worker('pong', 3, 15)]);
console.log(`both finished: ${finished.join(', ')}`);
