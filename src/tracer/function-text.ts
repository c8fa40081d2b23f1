// Function.prototype.toString gives the program the original text of its instrumented functions, classes and
// methods, as untraced (libraries read it: plugin names from the source, readme examples that print a listener).
// The instrumented text names the file (its site base carries the file's key) and its first site; the run's folder
// holds, per file, the original text and the table from those to each function's place in it (written when the file
// was instrumented, by whichever thread or process did it).
import { readFileSync } from 'node:fs';
import { fileKey, SITE_IN_TEXT, functionTextsPath, type FunctionTexts } from '../instrument/runtime-api';
import { ReflectApply, StringIncludes, RegExpExec, MapGet, MapSet, MapHas, JSONParse, StringSlice } from './primordials';

interface FileTexts {
  file: string;
  /** `${firstSite}:${length}` -> the original text; null once the map turned out unreadable */
  byKey: Map<string, string> | null | undefined;
}

/** Call once, before user code runs; returns `register(file)` for each instrumented file. */
export function restoreFunctionText(dir: string): (file: string) => void {
  const files = new Map<string, FileTexts>();
  const nativeToString = Function.prototype.toString;
  const NATIVE = 'function toString() { [native code] }';

  const load = (entry: FileTexts): Map<string, string> | null => {
    if (entry.byKey !== undefined) return entry.byKey;
    entry.byKey = null;
    try {
      const { source, table } = JSONParse(readFileSync(functionTextsPath(dir, entry.file), 'utf8')) as FunctionTexts;
      const byKey = new Map<string, string>();
      for (let i = 0; i < table.length; i++) {
        const [site, length, start, end] = table[i];
        MapSet(byKey, `${site}:${length}`, StringSlice(source, start, end));
      }
      entry.byKey = byKey;
    } catch {
      // not written (TypeScript, or unreadable): the instrumented text it is
    }
    return entry.byKey;
  };

  // A method shorthand, so it is named toString, has length 0 and no prototype, as the native one
  const replacement = {
    toString(this: unknown): string {
      if (this === replacement) return NATIVE;
      const text = ReflectApply(nativeToString, this, []) as string;
      const found = StringIncludes(text, '__ls$b_') ? RegExpExec(SITE_IN_TEXT, text) : null;
      if (!found) return text;
      const entry = MapGet(files, found[1]);
      const byKey = entry && load(entry);
      return (byKey && MapGet(byKey, `${found[2]}:${text.length}`)) ?? text;
    },
  }.toString;
  Object.defineProperty(Function.prototype, 'toString', { value: replacement, writable: true, enumerable: false, configurable: true });

  return (file) => {
    const key = fileKey(file);
    if (!MapHas(files, key)) MapSet(files, key, { file, byKey: undefined });
  };
}
