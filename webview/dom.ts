// Small DOM helpers for the viewer. All text goes in through textContent, never innerHTML: trace strings are user data.
import { STYLE_ID, VIEWER_CSS } from './styles';

type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (ev: HTMLElementEventMap[K]) => void }>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.title) el.title = props.title;
  if (props.attrs) {
    for (const [k, v] of Object.entries(props.attrs)) {
      if (v === undefined || v === false) continue;
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  if (props.on) {
    for (const [k, fn] of Object.entries(props.on)) el.addEventListener(k, fn as EventListener);
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Icon paths on a 16x16 grid: drawn, not font glyphs, so they look the same on every machine. */
const ICONS = {
  first: 'M3 2h2v12H3zM14 2v12L6 8z',
  last: 'M11 2h2v12h-2zM2 2v12l8-6z',
  prev: 'M12 2v12L4 8z',
  next: 'M4 2v12l8-6z',
  prevTask: 'M8 2v12L1 8zM15 2v12L8 8z',
  nextTask: 'M1 2v12l7-6zM8 2v12l7-6z',
  play: 'M4 1.5v13L14.5 8z',
  pause: 'M3 2h3.5v12H3zM9.5 2H13v12H9.5z',
  await: 'M3 2h10v2l-4 4 4 4v2H3v-2l4-4-4-4z',
  zoomIn: 'M7 3h2v4h4v2H9v4H7V9H3V7h4z',
  zoomOut: 'M3 7h10v2H3z',
  fit: 'M1 3h2v10H1zM13 3h2v10h-2zM4 7h8v2H4z',
} as const;
export type IconName = keyof typeof ICONS;

export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'ls-icon');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.appendChild(path);
  return svg;
}

/** A button with an icon and/or text; `label` is its accessible name, `keys` shows in the tooltip. */
export function button(opts: { icon?: IconName; text?: string; label: string; keys?: string; class?: string; onClick: () => void }): HTMLButtonElement {
  const b = h('button', {
    class: `ls-btn${opts.class ? ` ${opts.class}` : ''}`,
    title: opts.keys ? `${opts.label} (${opts.keys})` : opts.label,
    attrs: { type: 'button', 'aria-label': opts.label, ...(opts.keys ? { 'aria-keyshortcuts': opts.keys } : {}) },
    on: { click: () => opts.onClick() },
  });
  if (opts.icon) b.appendChild(icon(opts.icon));
  if (opts.text) b.appendChild(h('span', { text: opts.text }));
  return b;
}

/** Save a file from the page itself (the HTML report has no host to ask). */
export function download(fileName: string, data: string, mime: string): void {
  const blob = data.startsWith('data:') ? dataUrlToBlob(data) : new Blob([data], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = h('a', { attrs: { href: url, download: fileName } });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function dataUrlToBlob(url: string): Blob {
  const [head, body] = url.split(',', 2);
  const mime = /^data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  const bin = atob(body);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

export { fileName } from '../src/core/paths';

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Put the stylesheet in the page once (the HTML report inlines it already; the VS Code panel gets it from here). */
export function ensureStyles(): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = VIEWER_CSS;
  document.head.appendChild(style);
}
