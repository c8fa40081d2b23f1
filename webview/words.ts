// The words the viewer uses for steps, tasks and timers, in one place so every view says the same thing.
import type { Trace } from '../src/core/trace-format';

/** The word shown before the headline, for each kind of step. */
export const KIND_WORD: Partial<Record<string, string>> = { run: 'runs', schedule: 'queued', settle: 'settles', output: 'prints', await: 'await', resume: 'resumes', call: 'call', return: 'return', end: 'end' };

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "Task 3 · microtask queue · promise reaction → then callback"; the main script is named once. */
export function taskTitle(t: Trace['tasks'][number]): string {
  return t.queue === 'main' ? `Task ${t.id} · the main script` : `Task ${t.id} · ${t.queue} queue · ${t.label}`;
}

/** Node stores a timer delay below 1 ms as 1 ms: say so wherever a 1 ms timer shows. */
export function timerNote(label: string): string {
  return /\bsetTimeout 1 ms\b|\bsetInterval 1 ms\b/.test(label) ? ' (setTimeout(…, 0) waits 1 ms: Node makes any delay below 1 ms into 1 ms.)' : '';
}

