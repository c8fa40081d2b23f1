// The host <-> webview messages: malformed ones are rejected with a reason that says what is wrong.
import { describe, expect, it } from 'vitest';
import { parseViewMessage, parseHostMessage, clampSettings, PROTOCOL_VERSION, DEFAULT_SETTINGS } from '../../src/protocol';
import { TRACE_FORMAT, TRACE_VERSION } from '../../src/core/trace-format';

const v = PROTOCOL_VERSION;
const source = { file: '/w/a.js', line: 3, column: 1 };
const emptyTrace = {
  format: TRACE_FORMAT,
  version: TRACE_VERSION,
  program: { entry: '/w/a.js', node: 'v20.0.0', argv: [], cwd: '/w', exitCode: 0, signal: null, stopped: null, durationMs: 1, events: 0 },
  tasks: [],
  coroutines: [],
  output: [],
  queueItems: [],
  steps: [],
  sites: [],
  findings: [],
};

function rejects(result: { ok: boolean; reason?: string }, reason: RegExp): void {
  expect(result.ok).toBe(false);
  expect((result as { reason: string }).reason).toMatch(reason);
}

describe('parseViewMessage (webview -> host)', () => {
  it('accepts every well-formed message', () => {
    expect(parseViewMessage({ v, type: 'ready' })).toEqual({ ok: true, message: { v, type: 'ready' } });
    expect(parseViewMessage({ v, type: 'reveal', source })).toEqual({ ok: true, message: { v, type: 'reveal', source } });
    expect(parseViewMessage({ v, type: 'stepChanged', step: 4, source: null, number: 2, total: 9 }).ok).toBe(true);
    expect(parseViewMessage({ v, type: 'stepChanged', step: 4, source, number: 2, total: 9 }).ok).toBe(true);
    expect(parseViewMessage({ v, type: 'export', format: 'svg', fileName: 'a-diagram-1.svg', data: '<svg/>' }).ok).toBe(true);
    expect(parseViewMessage({ v, type: 'export', format: 'png', fileName: 'a.png', data: 'data:image/png;base64,AAAA' }).ok).toBe(true);
    expect(parseViewMessage({ v, type: 'traceFileFailed', reason: 'HTTP 404' })).toEqual({ ok: true, message: { v, type: 'traceFileFailed', reason: 'HTTP 404' } });
    rejects(parseViewMessage({ v, type: 'traceFileFailed' }), /traceFileFailed\.reason must be a string/);
  });

  it('drops unknown fields instead of passing them on', () => {
    const r = parseViewMessage({ v, type: 'reveal', source: { ...source, extra: 1 }, evil: true });
    expect(r).toEqual({ ok: true, message: { v, type: 'reveal', source } });
  });

  it('rejects what is not a message', () => {
    rejects(parseViewMessage(null), /must be an object, got null/);
    rejects(parseViewMessage('ready'), /must be an object, got string/);
    rejects(parseViewMessage([{ v, type: 'ready' }]), /got an array/);
    rejects(parseViewMessage({ v }), /no "type"/);
    rejects(parseViewMessage({ v, type: 'launchMissiles' }), /unknown message type "launchMissiles"/);
    rejects(parseViewMessage({ v, type: 'trace' }), /unknown message type "trace"/);
  });

  it('rejects other protocol versions', () => {
    rejects(parseViewMessage({ type: 'ready' }), /protocol version undefined, expected 1/);
    rejects(parseViewMessage({ v: 2, type: 'ready' }), /protocol version 2/);
  });

  it('rejects bad sources, steps and exports', () => {
    rejects(parseViewMessage({ v, type: 'reveal' }), /reveal\.source must be/);
    rejects(parseViewMessage({ v, type: 'reveal', source: { file: '', line: 1, column: 1 } }), /file must be a non-empty string/);
    rejects(parseViewMessage({ v, type: 'reveal', source: { file: 'a', line: -1, column: 1 } }), /line must be a whole number/);
    rejects(parseViewMessage({ v, type: 'reveal', source: { file: 'a', line: 1.5, column: 1 } }), /line must be a whole number/);
    rejects(parseViewMessage({ v, type: 'stepChanged', step: -1, source: null }), /step must be a whole number/);
    rejects(parseViewMessage({ v, type: 'stepChanged', step: '3', source: null }), /step must be a whole number/);
    rejects(parseViewMessage({ v, type: 'stepChanged', step: 3 }), /stepChanged\.source must be/);
    rejects(parseViewMessage({ v, type: 'stepChanged', step: 3, source: null }), /stepChanged\.number and stepChanged\.total/);
    rejects(parseViewMessage({ v, type: 'export', format: 'exe', fileName: 'a', data: '' }), /format must be one of/);
    rejects(parseViewMessage({ v, type: 'export', format: 'svg', fileName: '../../etc/passwd', data: '' }), /plain file name/);
    rejects(parseViewMessage({ v, type: 'export', format: 'svg', fileName: 'a.svg', data: 42 }), /data must be a string/);
    rejects(parseViewMessage({ v, type: 'export', format: 'png', fileName: 'a.png', data: 'javascript:alert(1)' }), /data:image\/png;base64/);
  });
});

describe('parseHostMessage (host -> webview)', () => {
  it('accepts a trace with settings, goToStep and partial settings', () => {
    const r = parseHostMessage({ v, type: 'trace', trace: emptyTrace, settings: DEFAULT_SETTINGS, step: 3 });
    expect(r.ok).toBe(true);
    expect(parseHostMessage({ v, type: 'goToStep', step: 0 }).ok).toBe(true);
    const site = { file: '/w/race.js', line: 13, column: 5 };
    expect(parseHostMessage({ v, type: 'goToStep', step: 4, site })).toEqual({ ok: true, message: { v, type: 'goToStep', step: 4, site } });
    expect(parseHostMessage({ v, type: 'settings', settings: { fontScale: 2 } })).toEqual({ ok: true, message: { v, type: 'settings', settings: { fontScale: 2 } } });
  });

  it('accepts a trace file at a webview resource URL, and nothing else', () => {
    const url = 'https://file+.vscode-resource.vscode-cdn.net/home/u/.storage/traces/ab.json?v=3';
    expect(parseHostMessage({ v, type: 'traceFile', url, bytes: 10, settings: DEFAULT_SETTINGS, step: 2 })).toEqual({
      ok: true,
      message: { v, type: 'traceFile', url, bytes: 10, settings: DEFAULT_SETTINGS, step: 2 },
    });
    rejects(parseHostMessage({ v, type: 'traceFile', url: 'javascript:alert(1)', bytes: 1, settings: DEFAULT_SETTINGS }), /http\(s\) URL/);
    rejects(parseHostMessage({ v, type: 'traceFile', url: 'file:///etc/passwd', bytes: 1, settings: DEFAULT_SETTINGS }), /http\(s\) URL/);
    rejects(parseHostMessage({ v, type: 'traceFile', url, bytes: -1, settings: DEFAULT_SETTINGS }), /bytes must be a whole number/);
    const data = new Uint8Array(10);
    expect(parseHostMessage({ v, type: 'traceFile', url, bytes: 10, data, settings: DEFAULT_SETTINGS })).toEqual({ ok: true, message: { v, type: 'traceFile', url, bytes: 10, data, settings: DEFAULT_SETTINGS } });
    rejects(parseHostMessage({ v, type: 'traceFile', url, bytes: 11, data, settings: DEFAULT_SETTINGS }), /traceFile\.data must be a Uint8Array of traceFile\.bytes bytes/);
    rejects(parseHostMessage({ v, type: 'traceFile', url, bytes: 10, data: [...data], settings: DEFAULT_SETTINGS }), /traceFile\.data must be a Uint8Array/);
    rejects(parseHostMessage({ v, type: 'traceFile', url, bytes: 1, settings: {} }), /traceFile\.settings\.windowSize is missing/);
  });

  it('rejects an invalid trace with the trace validator\'s reason', () => {
    rejects(parseHostMessage({ v, type: 'trace', trace: { format: 'nope' }, settings: DEFAULT_SETTINGS }), /^trace: not a Loopscope trace/);
    rejects(parseHostMessage({ v, type: 'trace', trace: { ...emptyTrace, version: 99 }, settings: DEFAULT_SETTINGS }), /unsupported trace version 99/);
  });

  it('rejects bad settings and steps', () => {
    rejects(parseHostMessage({ v, type: 'trace', trace: emptyTrace, settings: { speed: 2 } }), /trace\.settings\.windowSize is missing/);
    rejects(parseHostMessage({ v, type: 'settings', settings: { fontScale: 40 } }), /fontScale must be a number from 0\.5 to 4, got 40/);
    rejects(parseHostMessage({ v, type: 'settings', settings: { windowSize: 12.5 } }), /windowSize must be a whole number/);
    rejects(parseHostMessage({ v, type: 'settings', settings: { theme: 'dark' } }), /settings\.theme is not a setting/);
    rejects(parseHostMessage({ v, type: 'settings', settings: null }), /must be an object/);
    rejects(parseHostMessage({ v, type: 'goToStep', step: 1.5 }), /goToStep\.step must be a whole number/);
    rejects(parseHostMessage({ v, type: 'goToStep', step: Number.NaN }), /goToStep\.step/);
    rejects(parseHostMessage({ v, type: 'goToStep', step: 1, site: { file: '', line: 1, column: 1 } }), /goToStep\.site\.file must be a non-empty string/);
    rejects(parseHostMessage({ v, type: 'goToStep', step: 1, site: { file: 'a.js', line: -2, column: 1 } }), /goToStep\.site\.line must be a whole number/);
    rejects(parseHostMessage({ v, type: 'ready' }), /unknown message type "ready"/);
    rejects(parseHostMessage({ v, type: 'settings', settings: { diagramTheme: 'pink' } }), /diagramTheme must be one of auto, default, dark, neutral, forest/);
  });

  it('accepts a diagram theme, and clampSettings makes any configured values acceptable', () => {
    expect(parseHostMessage({ v, type: 'settings', settings: { diagramTheme: 'forest' } }).ok).toBe(true);
    const wild = clampSettings({ windowSize: 5000.7, speed: 0, fontScale: Number.NaN, diagramTheme: 'pink' as never });
    expect(wild).toEqual({ windowSize: 2000, speed: 0.25, fontScale: 1, diagramTheme: 'auto' });
    expect(parseHostMessage({ v, type: 'trace', trace: emptyTrace, settings: wild }).ok).toBe(true);
  });
});
