// Which children the tracer follows (src/tracer/processes.ts): Node running a script or code given with -e / -p, by
// its command line as Node's spawn functions get it (argv0 first); anything else runs untraced. And how a message
// sent to another loop is noted in the recording (src/core/raw-events.ts).
import { describe, it, expect } from 'vitest';
import { nodeRuns, nodeScriptAt } from '../../src/tracer/processes';
import { messageOutC, readMessageOutC } from '../../src/core/raw-events';

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

describe("a message's channel, whether its sender listens for an answer, and where it was sent (MessageOut's c)", () => {
  it('read back as written; a site out of range, or a recording that holds the channel alone, has no site', () => {
    for (const [channel, listening, site] of [[1, true, 0], [5, false, 12345], [4, true, (1 << 25) - 1]] as const) {
      expect(readMessageOutC(messageOutC(channel, listening, site))).toEqual({ channel, listening, site });
    }
    expect(readMessageOutC(messageOutC(2, false, 1 << 25))).toEqual({ channel: 2, listening: false, site: -1 });
    expect(readMessageOutC(messageOutC(3, true, -1))).toEqual({ channel: 3, listening: true, site: -1 });
    expect(readMessageOutC(3)).toEqual({ channel: 3, listening: false, site: -1 });
  });
});
