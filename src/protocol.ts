// The typed, versioned messages between the extension host and the webview, and their validators (both directions).
import { validateTrace, TraceFormatError, type SourceSite, type Trace } from './core/trace-format';

/** Bumped whenever a message changes shape; both sides are built together, so a mismatch means a stale webview. */
export const PROTOCOL_VERSION = 1;

export type DiagramTheme = 'auto' | 'default' | 'dark' | 'neutral' | 'forest';
export const DIAGRAM_THEMES: readonly DiagramTheme[] = ['auto', 'default', 'dark', 'neutral', 'forest'];

/** What the viewer lets the user (or the host's settings) change. */
export interface ViewSettings {
  /** messages per sequence-diagram window */
  windowSize: number;
  /** play speed, steps per second */
  speed: number;
  /** presentation font scale: 1 is normal, 2 is projector-size */
  fontScale: number;
  /** mermaid's theme; 'auto' (the default) follows the editor's or the system's light/dark theme */
  diagramTheme?: DiagramTheme;
  /** "predict the output": output not printed yet is hidden, and the view asks what prints next before it does */
  predict?: boolean;
  /** Presentation Mode: larger text and code, no export buttons or other noise */
  presentation?: boolean;
}

export const DEFAULT_SETTINGS: ViewSettings = { windowSize: 250, speed: 2, fontScale: 1 };

type NumericSetting = 'windowSize' | 'speed' | 'fontScale';

export const SETTING_LIMITS: Record<NumericSetting, { min: number; max: number; integer: boolean }> = {
  windowSize: { min: 10, max: 2000, integer: true },
  speed: { min: 0.25, max: 100, integer: false },
  fontScale: { min: 0.5, max: 4, integer: false },
};

/** 'html' is asked of the host (it builds the self-contained report), so its data is empty. */
export type ExportFormat = 'mermaid' | 'svg' | 'png' | 'json' | 'lstrace' | 'markdown' | 'perfetto' | 'html';

/** What the host builds from a trace: the one registry the CLI, the Export command and the panel's buttons share. */
export type HostExportFormat = 'mermaid' | 'markdown' | 'json' | 'lstrace' | 'html' | 'perfetto';
export const HOST_EXPORTS: readonly { format: HostExportFormat; label: string; ext: string }[] = [
  { format: 'mermaid', label: 'Sequence diagram (mermaid text, current window)', ext: 'mmd' },
  { format: 'markdown', label: 'Sequence diagram (Markdown, every window)', ext: 'loopscope.md' },
  { format: 'json', label: 'Trace file (JSON)', ext: 'loopscope.json' },
  { format: 'lstrace', label: 'Trace file (compact, .lstrace: loopscope report reads it)', ext: 'lstrace' },
  { format: 'html', label: 'Self-contained HTML report', ext: 'loopscope.html' },
  { format: 'perfetto', label: 'Perfetto / Chrome trace (JSON)', ext: 'perfetto.json' },
];
export const EXPORT_FORMATS: readonly ExportFormat[] = ['mermaid', 'svg', 'png', 'json', 'lstrace', 'markdown', 'perfetto', 'html'];

/** A file the viewer wants saved. `data` is text, except PNG which is a `data:image/png;base64,` URL. */
export interface ExportFile {
  format: ExportFormat;
  fileName: string;
  data: string;
}

// ---- host -> view
/** The text of the traced program's own files, by absolute path, for the code shown beside the event loop. */
export type Sources = Record<string, string>;

export interface TraceMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'trace';
  trace: Trace;
  settings: ViewSettings;
  sources?: Sources;
  /** the step to show first (default 0) */
  step?: number;
}
/**
 * A big trace in the file the host wrote (binary, src/core/trace-binary.ts): its bytes come along in the message
 * (VS Code carries a Uint8Array as binary data, not as JSON), else the view reads the file's webview resource URL.
 */
export interface TraceFileMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'traceFile';
  url: string;
  /** its size in bytes, to say what is loading */
  bytes: number;
  /** the file's bytes */
  data?: Uint8Array;
  settings: ViewSettings;
  sources?: Sources;
  step?: number;
}
export interface GoToStepMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'goToStep';
  step: number;
  /** a line of that moment to show in the panel's code view (a finding's stale write, inside the step that resumed) */
  site?: SourceSite;
}
export interface SettingsMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'settings';
  settings: Partial<ViewSettings>;
}
/** No (new) trace yet: the program is running, or tracing failed (the text says why). */
export interface StatusMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'status';
  state: 'running' | 'failed';
  text: string;
}
export type HostToViewMessage = TraceMessage | TraceFileMessage | GoToStepMessage | SettingsMessage | StatusMessage;

// ---- view -> host
export interface ReadyMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'ready';
}
export interface RevealMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'reveal';
  source: SourceSite;
}
export interface StepChangedMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'stepChanged';
  step: number;
  /** the current step's source line, for the editor decoration; null when the step has none */
  source: SourceSite | null;
  /** the step as the panel numbers it (from 1) and how many there are, so the editor note says the same */
  number: number;
  total: number;
}
export interface ExportMessage extends ExportFile {
  v: typeof PROTOCOL_VERSION;
  type: 'export';
}
/** The view could not read a trace file: the host sends the trace in a message instead. */
export interface TraceFileFailedMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'traceFileFailed';
  reason: string;
}
export type ViewToHostMessage = ReadyMessage | RevealMessage | StepChangedMessage | ExportMessage | TraceFileFailedMessage;

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStepNumber = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

class Invalid extends Error {}
const fail = (reason: string): never => {
  throw new Invalid(reason);
};

function header(value: unknown, types: readonly string[]): Record<string, unknown> & { type: string } {
  if (!isObj(value)) fail(`a message must be an object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  const m = value as Record<string, unknown>;
  if (typeof m.type !== 'string') fail('the message has no "type" string');
  if (!types.includes(m.type as string)) fail(`unknown message type ${JSON.stringify(m.type)}: expected one of ${types.join(', ')}`);
  if (m.v !== PROTOCOL_VERSION) fail(`${m.type as string}: protocol version ${JSON.stringify(m.v)}, expected ${PROTOCOL_VERSION}`);
  return m as Record<string, unknown> & { type: string };
}

function checkSource(where: string, s: unknown): SourceSite {
  if (!isObj(s)) return fail(`${where} must be {file, line, column}`);
  if (typeof s.file !== 'string' || s.file.length === 0) fail(`${where}.file must be a non-empty string`);
  for (const k of ['line', 'column'] as const) {
    if (typeof s[k] !== 'number' || !Number.isInteger(s[k]) || (s[k] as number) < 0) fail(`${where}.${k} must be a whole number >= 0`);
  }
  return { file: s.file as string, line: s.line as number, column: s.column as number };
}

/**
 * Bring user-chosen settings (VS Code configuration can hold anything) into the limits the viewer accepts, so a
 * host never sends a message the view would reject.
 */
export function clampSettings<T extends Partial<ViewSettings>>(settings: T): T {
  const out = { ...settings };
  for (const key of Object.keys(SETTING_LIMITS) as NumericSetting[]) {
    const v = out[key];
    if (v === undefined) continue;
    const lim = SETTING_LIMITS[key];
    const n = typeof v === 'number' && Number.isFinite(v) ? v : DEFAULT_SETTINGS[key];
    const clamped = Math.max(lim.min, Math.min(lim.max, n));
    (out as Partial<ViewSettings>)[key] = lim.integer ? Math.round(clamped) : clamped;
  }
  if (out.diagramTheme !== undefined && !DIAGRAM_THEMES.includes(out.diagramTheme)) out.diagramTheme = 'auto';
  return out;
}

/** Validate (possibly partial) settings: every present key must be known and within its limits. */
export function checkSettings(where: string, value: unknown, partial: boolean): Partial<ViewSettings> {
  if (!isObj(value)) return fail(`${where} must be an object`);
  const out: Partial<ViewSettings> = {};
  const known = [...Object.keys(SETTING_LIMITS), 'diagramTheme', 'predict', 'presentation'];
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(`${where}.${key} is not a setting (known: ${known.join(', ')})`);
  }
  if (value.diagramTheme !== undefined) {
    if (typeof value.diagramTheme !== 'string' || !DIAGRAM_THEMES.includes(value.diagramTheme as DiagramTheme)) {
      fail(`${where}.diagramTheme must be one of ${DIAGRAM_THEMES.join(', ')}, got ${JSON.stringify(value.diagramTheme)}`);
    }
    out.diagramTheme = value.diagramTheme as DiagramTheme;
  }
  if (value.predict !== undefined) {
    if (typeof value.predict !== 'boolean') fail(`${where}.predict must be true or false, got ${JSON.stringify(value.predict)}`);
    out.predict = value.predict as boolean;
  }
  if (value.presentation !== undefined) {
    if (typeof value.presentation !== 'boolean') fail(`${where}.presentation must be true or false, got ${JSON.stringify(value.presentation)}`);
    out.presentation = value.presentation as boolean;
  }
  for (const key of Object.keys(SETTING_LIMITS) as NumericSetting[]) {
    const v = value[key];
    if (v === undefined) {
      if (!partial) fail(`${where}.${key} is missing`);
      continue;
    }
    const lim = SETTING_LIMITS[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lim.min || v > lim.max || (lim.integer && !Number.isInteger(v))) {
      fail(`${where}.${key} must be a ${lim.integer ? 'whole ' : ''}number from ${lim.min} to ${lim.max}, got ${JSON.stringify(v)}`);
    }
    out[key] = v as number;
  }
  return out;
}

/** Sources: a map of file path to text, or absent. */
export function checkSources(where: string, value: unknown): Sources | undefined {
  if (value === undefined) return undefined;
  if (!isObj(value)) return fail(`${where} must be an object of file path to text`);
  for (const [k, v] of Object.entries(value)) if (typeof v !== 'string') fail(`${where}[${JSON.stringify(k)}] must be the file's text`);
  return value as Sources;
}

function guard<T>(fn: () => T): Parsed<T> {
  try {
    return { ok: true, message: fn() };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, reason: err.message };
    if (err instanceof TraceFormatError) return { ok: false, reason: `trace: ${err.message}` };
    throw err;
  }
}

/** Validate a message the webview sent to the host. */
export function parseViewMessage(value: unknown): Parsed<ViewToHostMessage> {
  return guard(() => {
    const m = header(value, ['ready', 'reveal', 'stepChanged', 'export', 'traceFileFailed']);
    switch (m.type) {
      case 'ready':
        return { v: PROTOCOL_VERSION, type: 'ready' };
      case 'traceFileFailed':
        if (typeof m.reason !== 'string' || m.reason.length > 2000) fail('traceFileFailed.reason must be a string (at most 2,000 characters)');
        return { v: PROTOCOL_VERSION, type: 'traceFileFailed', reason: m.reason as string };
      case 'reveal':
        return { v: PROTOCOL_VERSION, type: 'reveal', source: checkSource('reveal.source', m.source) };
      case 'stepChanged': {
        if (!isStepNumber(m.step)) fail('stepChanged.step must be a whole number >= 0');
        const source = m.source === null ? null : checkSource('stepChanged.source', m.source);
        if (!isStepNumber(m.number) || !isStepNumber(m.total)) fail('stepChanged.number and stepChanged.total must be whole numbers >= 0');
        return { v: PROTOCOL_VERSION, type: 'stepChanged', step: m.step as number, source, number: m.number as number, total: m.total as number };
      }
      default: {
        if (typeof m.format !== 'string' || !EXPORT_FORMATS.includes(m.format as ExportFormat)) fail(`export.format must be one of ${EXPORT_FORMATS.join(', ')}`);
        if (typeof m.fileName !== 'string' || !/^[^/\\\u0000-\u001f]{1,200}$/.test(m.fileName)) fail('export.fileName must be a plain file name (no folders)');
        if (typeof m.data !== 'string') fail('export.data must be a string');
        if (m.format === 'png' && !(m.data as string).startsWith('data:image/png;base64,')) fail('export.data for png must be a data:image/png;base64, URL');
        if (m.format === 'html' && m.data !== '') fail('export.data for html must be empty: the host builds the report');
        if (m.data === '' && !HOST_EXPORTS.some((e) => e.format === m.format)) fail(`export.data for ${m.format as string} must be the file's content`);
        return { v: PROTOCOL_VERSION, type: 'export', format: m.format as ExportFormat, fileName: m.fileName as string, data: m.data as string };
      }
    }
  });
}

/** Validate a message the host sent to the webview (the trace is fully validated too). */
export function parseHostMessage(value: unknown): Parsed<HostToViewMessage> {
  return guard(() => {
    const m = header(value, ['trace', 'traceFile', 'goToStep', 'settings', 'status']);
    switch (m.type) {
      case 'traceFile': {
        // a webview resource URL (the view's CSP lets it fetch nothing else)
        if (typeof m.url !== 'string' || m.url.length > 4000 || !/^https?:\/\/\S+$/.test(m.url)) fail('traceFile.url must be the http(s) URL of a webview resource');
        if (typeof m.bytes !== 'number' || !Number.isInteger(m.bytes) || m.bytes < 0) fail('traceFile.bytes must be a whole number >= 0');
        if (m.data !== undefined && !(m.data instanceof Uint8Array && m.data.length === m.bytes)) fail('traceFile.data must be a Uint8Array of traceFile.bytes bytes');
        const settings = checkSettings('traceFile.settings', m.settings, false) as ViewSettings;
        if (m.step !== undefined && !isStepNumber(m.step)) fail('traceFile.step must be a whole number >= 0');
        const sources = checkSources('traceFile.sources', m.sources);
        return {
          v: PROTOCOL_VERSION,
          type: 'traceFile',
          url: m.url as string,
          bytes: m.bytes as number,
          ...(m.data !== undefined ? { data: m.data as Uint8Array } : {}),
          settings,
          ...(sources ? { sources } : {}),
          ...(m.step !== undefined ? { step: m.step as number } : {}),
        };
      }
      case 'trace': {
        const trace = validateTrace(m.trace);
        const settings = checkSettings('trace.settings', m.settings, false) as ViewSettings;
        if (m.step !== undefined && !isStepNumber(m.step)) fail('trace.step must be a whole number >= 0');
        const sources = checkSources('trace.sources', m.sources);
        return { v: PROTOCOL_VERSION, type: 'trace', trace, settings, ...(sources ? { sources } : {}), ...(m.step !== undefined ? { step: m.step as number } : {}) };
      }
      case 'status':
        if (m.state !== 'running' && m.state !== 'failed') fail('status.state must be "running" or "failed"');
        if (typeof m.text !== 'string' || m.text.length > 10_000) fail('status.text must be a string (at most 10,000 characters)');
        return { v: PROTOCOL_VERSION, type: 'status', state: m.state as 'running' | 'failed', text: m.text as string };
      case 'goToStep':
        if (!isStepNumber(m.step)) fail('goToStep.step must be a whole number >= 0');
        return { v: PROTOCOL_VERSION, type: 'goToStep', step: m.step as number, ...(m.site === undefined ? {} : { site: checkSource('goToStep.site', m.site) }) };
      default:
        return { v: PROTOCOL_VERSION, type: 'settings', settings: checkSettings('settings.settings', m.settings, true) };
    }
  });
}
