// Labeled loops with continue and break inside an async function, suspending inside the inner loop
import { setTimeout as sleep } from 'node:timers/promises';

async function search(grid, target) {
  let visited = 0;
  rows: for (let r = 0; r < grid.length; r++) {
    cols: for (let c = 0; c < grid[r].length; c++) {
      const cell = await Promise.resolve(grid[r][c]); // await
      visited += 1;
      if (cell < 0) {
        console.log(`row ${r}: negative at column ${c}, skipping the rest of the row`); // queue: microtask
        continue rows;
      }
      if (cell === 0) {
        continue cols;
      }
      if (cell === target) {
        console.log(`found ${target} at ${r},${c}`); // queue: microtask
        break rows;
      }
    }
    await sleep(2); // await
    console.log(`finished row ${r}`); // queue: microtask
  }
  return visited;
}

const grid = [
  [1, 0, 2],
  [3, -1, 9],
  [0, 4, 7, 8],
  [6, 6, 6],
];
const visited = await search(grid, 7); // await
console.log(`visited ${visited} cells`); // queue: microtask
