// rule: stack frames of a TypeScript file name the same functions and files as untraced
import { basename } from 'node:path';

function frames(err: Error): string {
  return err
    .stack!.split('\n')
    .slice(1, 3)
    .map((l) => l.trim().split(' (')[0] + ' ' + basename(l.replace(/:\d+:\d+\)?$/, '')))
    .join(' / ');
}

class Repo {
  find(): Error {
    return new Error('find');
  }
}
function lookup(): Error {
  return new Repo().find();
}

console.log(frames(lookup()));
export {};
