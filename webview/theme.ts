// Which colour theme the viewer is in: VS Code's body class when inside VS Code, the system colour scheme otherwise.

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export function currentTheme(): ThemeKind {
  const cl = document.body.classList;
  if (cl.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (cl.contains('vscode-high-contrast')) return 'high-contrast';
  if (cl.contains('vscode-dark')) return 'dark';
  if (cl.contains('vscode-light')) return 'light';
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function isDark(kind: ThemeKind): boolean {
  return kind === 'dark' || kind === 'high-contrast';
}

/** Call `onChange` whenever the theme changes (VS Code swaps body classes; browsers flip the colour scheme). */
export function watchTheme(onChange: (kind: ThemeKind) => void): () => void {
  let last = currentTheme();
  const check = () => {
    const now = currentTheme();
    if (now !== last) {
      last = now;
      onChange(now);
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  media?.addEventListener('change', check);
  return () => {
    observer.disconnect();
    media?.removeEventListener('change', check);
  };
}

/** Read a colour (or any value) from a CSS variable as the element currently sees it. */
export function cssVar(el: Element, name: string, fallback: string): string {
  const v = getComputedStyle(el).getPropertyValue(name).trim();
  return v || fallback;
}
