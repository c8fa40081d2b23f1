// No race: the same class and helpers, but each award reads and writes the points in one step, after its await.
// expect: none
const { setTimeout: sleep } = require('node:timers/promises');
const { pointsOf, setPoints } = require('./helpers/points.js');

class Rewards {
  constructor() {
    this.account = { points: 0 };
  }

  current() {
    return pointsOf(this.account);
  }

  async award(n, ms) {
    await sleep(ms);
    setPoints(this.account, this.current() + n);
  }
}

const rewards = new Rewards();
Promise.all([rewards.award(10, 10), rewards.award(5, 40)]).then(() => {
  console.log(`points: ${rewards.account.points}`);
});
