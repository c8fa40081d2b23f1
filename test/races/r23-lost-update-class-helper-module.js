// Lost update through class methods that call synchronous helpers of another module: each award reads the points (this.current() -> pointsOf), awaits the audit log, then writes them back (setPoints); the second award overwrites the first.
// expect: lost-update account.points
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
    const before = this.current();
    await sleep(ms); // await
    setPoints(this.account, before + n);
  }
}

const rewards = new Rewards();
Promise.all([rewards.award(10, 10), rewards.award(5, 40)]).then(() => {
  console.log(`points: ${rewards.account.points} (15 expected)`);
});
