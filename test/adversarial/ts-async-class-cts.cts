// rule: a .cts file with async class methods, getters, optional chaining and satisfies, arrow members in async code
type Cfg = { retries?: number; name: string };

class Client {
  cancel?: () => string;
  constructor(private cfg: Cfg) {}
  get retries(): number {
    return this.cfg.retries ?? 3;
  }
  async connect(): Promise<string> {
    this.cancel = () => `cancel ${this.cfg.name}`;
    await null;
    return `${this.cfg.name}:${this.retries}`;
  }
}

const cfg = { name: 'c1' } satisfies Cfg;
async function main(): Promise<void> {
  const c = new Client(cfg);
  console.log(await c.connect(), c.cancel?.(), typeof module, typeof require);
}

main();
