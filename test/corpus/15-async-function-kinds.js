// Async arrow functions, class methods, static methods, getters returning promises, object methods, destructured parameters
const { setTimeout: sleep } = require('node:timers/promises');

const double = async (x) => {
  await sleep(1); // await
  return x * 2;
};

class Account {
  #balance;
  constructor(owner, balance) {
    this.owner = owner;
    this.#balance = balance;
  }
  get balance() {
    return sleep(2).then(() => this.#balance);
  }
  async deposit({ amount, note = 'no note' }) {
    const doubled = await double(amount); // await
    this.#balance += doubled;
    console.log(`${this.owner} deposited ${doubled} (${note})`); // queue: microtask
    return this;
  }
  static async open(owner, [first, second = 0]) {
    await null; // await
    console.log(`static open for ${owner}`); // queue: microtask
    return new Account(owner, first + second);
  }
}

const bank = {
  name: 'corpus bank',
  async audit(...accounts) {
    for (const acc of accounts) {
      const b = await acc.balance; // await
      console.log(`${this.name} audit: ${acc.owner} has ${b}`); // queue: microtask
    }
    return accounts.length;
  },
};

async function run({ owners: [alice, bob], opening }) {
  const a = await Account.open(alice, opening); // await
  const b = await Account.open(bob, [5]); // await
  await a.deposit({ amount: 10, note: 'salary' }); // await
  await b.deposit({ amount: 1 }); // await
  const n = await bank.audit(a, b); // await
  console.log(`audited ${n} accounts`); // queue: microtask
}

run({ owners: ['alice', 'bob'], opening: [100, 20] }).then(() => {
  console.log('run finished'); // queue: microtask
});
console.log('main: run started'); // queue: main
