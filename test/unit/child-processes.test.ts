// Which children the tracer follows (src/tracer/processes.ts): Node running a script, by its command line as
// ChildProcess.prototype.spawn gets it (argv0 first); anything else runs untraced.
import { describe, it, expect } from 'vitest';
import { nodeRuns, nodeScriptAt } from '../../src/tracer/processes';

describe('a child Node process running a script', () => {
  const node = process.execPath;
  it('is found after Node options, values of options that take one skipped', () => {
    expect(nodeScriptAt(node, [node, 'child.js', '--flag'])).toBe(1);
    expect(nodeScriptAt(node, [node, '--no-warnings', '-r', 'dotenv/config', '--import', 'tsx', 'child.js'])).toBe(6);
    expect(nodeScriptAt('node', ['node', '--max-old-space-size=64', 'child.mjs'])).toBe(2);
    expect(nodeScriptAt('/usr/local/bin/node', ['node', '--', 'child.js'])).toBe(2);
  });
  it('is not there when Node runs something else, or the program is not Node', () => {
    for (const args of [['-e', 'x'], ['-p', '1'], ['--eval=1'], ['--test', 'a.js'], ['-c', 'a.js'], ['--version'], ['-'], [], ['-r', 'x']]) {
      expect(nodeScriptAt(node, [node, ...args]), args.join(' ')).toBe(-1);
    }
    expect(nodeScriptAt('/bin/sh', ['/bin/sh', '-c', 'node child.js'])).toBe(-1);
    expect(nodeScriptAt('python3', ['python3', 'child.js'])).toBe(-1);
    expect(nodeScriptAt('nodemon', ['nodemon', 'child.js'])).toBe(-1);
  });
});

describe('a child Node process running code from its command line', () => {
  const node = process.execPath;
  it('is found by -e, -p, --eval, --print (the code and the arguments after it are not options)', () => {
    for (const args of [['-e', 'x'], ['-p', '1'], ['-pe', '1'], ['--eval=1'], ['--print', '1', 'a.js'], ['--no-warnings', '-e', '--test', 'x'], ['-e', 'x', '--', 'a.js']]) {
      expect(nodeRuns(node, [node, ...args]), args.join(' ')).toBe('code');
    }
  });
  it('is not when Node is asked for something else as well', () => {
    for (const args of [['-i', '-e', 'x'], ['-e', 'x', '--test'], ['--check', '-e', 'x']]) expect(nodeRuns(node, [node, ...args]), args.join(' ')).toBe(null);
    expect(nodeRuns('python3', ['python3', '-e', 'x'])).toBe(null);
  });
});
