// rule: the nearest tsconfig.json's experimentalDecorators gives legacy decorators (target, key, descriptor)
const log: string[] = [];

function logged(target: any, key: string, descriptor: PropertyDescriptor): PropertyDescriptor {
  log.push(`decorate ${typeof target === 'function' ? 'static' : 'proto'} ${key} args=${arguments.length}`);
  const original = descriptor.value;
  descriptor.value = async function (this: unknown, ...args: unknown[]) {
    log.push(`call ${key}`);
    return original.apply(this, args);
  };
  return descriptor;
}

function sealed(ctor: Function): void {
  log.push(`class ${ctor.name}`);
}

@sealed
class Service {
  @logged
  async load(n: number): Promise<number> {
    await null;
    return n * 2;
  }
}

async function main(): Promise<void> {
  const r = await new Service().load(21);
  console.log(r, log.join(', '));
}

main();
