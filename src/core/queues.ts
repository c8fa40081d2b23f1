// The one table of the event loop's queues: what every view calls each queue, where it sits in the loop, its colour
// and the rule that makes its callbacks run when they do. The panel, the timeline, the sequence diagram and the report
// all read it; a new queue name does not compile until it has a row here.
import type { QueueName } from './trace-format';

export interface QueueInfo {
  /** the panel's card title */
  title: string;
  /** the timeline's lane label */
  lane: string;
  /** the sequence diagram's participant */
  participant: string;
  /** where in the loop it runs (the card's hint) */
  phase: string;
  /** colours: the report's light and dark palettes, and the VS Code theme colour used inside VS Code */
  colour: { light: string; dark: string; vscode: string };
  /** why a callback from this queue ran when it did, in one sentence naming the rule */
  why: string;
}

export const QUEUE_INFO: Record<QueueName, QueueInfo> = {
  main: {
    title: 'Main script',
    lane: 'main script',
    participant: 'main',
    phase: 'runs first, to the end',
    colour: { light: '#5f6b78', dark: '#9aa6b2', vscode: 'var(--vscode-charts-foreground, #cccccc)' },
    why: 'The main script runs first, to the end, before the event loop takes anything from its queues.',
  },
  nextTick: {
    title: 'nextTick queue',
    lane: 'nextTick',
    participant: 'nextTick queue',
    phase: 'runs right after the current callback',
    colour: { light: '#c0307f', dark: '#ff7ab8', vscode: 'var(--vscode-charts-red, #f14c4c)' },
    why: 'nextTick callbacks run as soon as the current callback finishes, before promise callbacks and before the event loop moves on.',
  },
  microtask: {
    title: 'Microtask queue',
    lane: 'microtasks',
    participant: 'microtask queue',
    phase: 'promise callbacks and await resumptions',
    colour: { light: '#7a45d6', dark: '#b792ff', vscode: 'var(--vscode-charts-purple, #b180d7)' },
    why: 'Promise callbacks and queueMicrotask jobs run in the order they were queued, and the microtask queue drains completely before the next timer, immediate or I/O callback.',
  },
  timer: {
    title: 'Timers',
    lane: 'timers',
    participant: 'timers',
    phase: 'phase 1: due timers, in due order',
    // VS Code's charts.orange defaults to the find-match highlight, a translucent orange (#EA5C0055: dark brown on a
    // dark editor): a fixed orange mixed with the theme's foreground is lighter in dark themes, darker in light ones
    // (at least 4.5:1 on the editor background of Dark/Light Modern, Dark+/Light+ and both high contrast themes)
    colour: { light: '#c05200', dark: '#ff9d4d', vscode: 'color-mix(in srgb, #cc6a00 60%, var(--vscode-foreground, #cccccc))' },
    why: 'The timer was due: the timers phase runs due timers in order of their due time, after the current callback and all microtasks are done.',
  },
  io: {
    title: 'Pending I/O',
    lane: 'pending I/O',
    participant: 'pending I/O',
    phase: 'phase 2: poll for I/O',
    colour: { light: '#0a64d8', dark: '#64a8ff', vscode: 'var(--vscode-charts-blue, #3794ff)' },
    why: 'The operating system reported the I/O as done; the poll phase runs its callback.',
  },
  immediate: {
    title: 'Immediates',
    lane: 'immediates',
    participant: 'immediates',
    phase: 'phase 3: check (setImmediate)',
    colour: { light: '#16803a', dark: '#4fd07a', vscode: 'var(--vscode-charts-green, #89d185)' },
    why: 'setImmediate callbacks run in the check phase, right after the event loop has polled for I/O.',
  },
  close: {
    title: 'Close callbacks',
    lane: 'close callbacks',
    participant: 'close callbacks',
    phase: 'phase 4: close',
    colour: { light: '#5f6b78', dark: '#9aa6b2', vscode: 'var(--vscode-charts-yellow, #cca700)' },
    why: 'A handle was closed; close callbacks run in the last phase of the loop iteration.',
  },
  other: {
    title: 'Other',
    lane: 'other',
    participant: 'other callbacks',
    phase: 'callbacks the tracer could not classify',
    colour: { light: '#5f6b78', dark: '#9aa6b2', vscode: 'var(--vscode-charts-foreground, #cccccc)' },
    why: 'Node ran this callback for a resource the tracer could not classify.',
  },
};

/** The queues in the order the loop visits them (main first): the order of the panel's cards and the timeline's lanes. */
export const LOOP_ORDER: readonly QueueName[] = ['main', 'nextTick', 'microtask', 'timer', 'io', 'immediate', 'close', 'other'];

/** Why an await resumption (a microtask) ran when it did. */
export const WHY_RESUME = 'The awaited promise had settled, so the rest of the async function was queued as a microtask; the microtask queue drains before the next timer, immediate or I/O callback.';
