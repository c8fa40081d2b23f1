// The runner's way to stop the traced program and keep what was recorded, without a signal listener in the program
// (a listener shows in process.listenerCount('SIGINT'), counts toward MaxListenersExceededWarning, and changes what
// Ctrl+C does). The runner opens a pipe as the child's fd 3 and writes one line, "SIGTERM group" or "SIGINT self";
// the tracer flushes the recording, notes why it stops, answers "ok", and the runner sends the signal, which then does
// to the program exactly what it would have done untraced (its own listener, or the default action).
//
// The pipe is an unref'd handle made while the tracer is not recording: it keeps nothing alive and shows in no list
// of resources. It is read straight from its handle, not as a flowing stream: a stream starts flowing on
// process.nextTick, and a tick pending when the program starts would make the program's first microtasks drain inside
// processTicksAndRejections (one more frame in their stack traces) instead of from V8's own checkpoint.
import net from 'node:net';
import { writeSync } from 'node:fs';

export type StopRequest = { signal: 'SIGTERM' | 'SIGINT'; scope: 'group' | 'self' };

export function listenForStop(fd: number, onStop: (request: StopRequest) => void): void {
  let socket: net.Socket;
  try {
    socket = new net.Socket({ fd, readable: true, writable: false, manualStart: true } as net.SocketConstructorOpts);
  } catch {
    return; // no control pipe (started by hand): signals alone stop the program
  }
  const handle = (socket as unknown as { _handle?: { readStart(): number; unref(): void } })._handle;
  if (!handle) return;
  socket.on('error', () => undefined);
  let pending = '';
  // Node's stream reader hands every chunk to push(); taking it here keeps the stream from ever flowing
  Object.defineProperty(socket, 'push', {
    value: (chunk: Buffer | null) => {
      if (chunk === null) return false; // the runner is gone
      pending += chunk.toString('utf8');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        const m = /^(SIGTERM|SIGINT) (group|self)$/.exec(line);
        if (!m) continue;
        try {
          onStop({ signal: m[1] as StopRequest['signal'], scope: m[2] as StopRequest['scope'] });
        } finally {
          try {
            writeSync(fd, 'ok\n');
          } catch {
            /* the runner sends the signal after a moment anyway */
          }
        }
      }
      return true;
    },
  });
  handle.unref();
  handle.readStart();
}
