// Runs the built CLI (dist/cli.cjs) as a user would, in a real child process, and collects what it printed.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const CLI = join(resolve(__dirname, '..', '..'), 'dist', 'cli.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `loopscope <args>` in `cwd`; `input` goes to its stdin (closed at once without it); `cli`: another build's CLI. */
export function runCli(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; cli?: string }): Promise<CliResult> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [opts.cli ?? CLI, ...args], { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', rej);
    child.on('close', (code) => res({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}
