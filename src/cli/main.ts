// The command-line front: `loopscope trace <file>` runs the program traced and writes JSON, mermaid and HTML.
// Loaded by launch.ts (dist/cli.cjs).
import { runCli } from './cli';

export function main(argv: string[]): Promise<void> {
  return runCli(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`loopscope: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
