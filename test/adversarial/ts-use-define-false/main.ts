// rule: the nearest tsconfig.json's useDefineForClassFields: false makes fields assignments (base setters run)
const log: string[] = [];

class Base {
  set value(v: number) {
    log.push(`base setter ${v}`);
  }
  get value(): number {
    return 1;
  }
}

class Derived extends Base {
  value = 42;
  declared?: string;
}

async function main(): Promise<void> {
  const d = new Derived();
  await null;
  console.log(Object.keys(d).join(',') || '(no own keys)', 'declared' in d, log.join(', ') || '(no setter call)');
}

main();
