// The instrumenter as the tracer calls it, bundled on its own (dist/tracer/instrumenter.cjs) and run in a realm of
// its own (tracer/instrumenter-realm.ts), where the program's builtins do not reach: strings and numbers in, strings
// out, and a syntax error as a record (an error object of this realm is not an `instanceof` of the tracer's).
import { prepareModuleOnce, moduleFormatOf, typeScriptSourceFor, needsCompiling, isTypeScript, type ModuleFormat } from './prepare';
import { InstrumentSyntaxError } from './syntax-error';
import { writeWhole } from './cache';

/** What a call gave: its value, or the syntax error it threw. */
export type Outcome<T> = { value: T; syntaxError?: undefined } | { syntaxError: { message: string; file: string; line: number; column: number } };

function outcome<T>(run: () => T): Outcome<T> {
  try {
    return { value: run() };
  } catch (err) {
    if (!(err instanceof InstrumentSyntaxError)) throw err;
    return { syntaxError: { message: err.message, file: err.file, line: err.line, column: err.column } };
  }
}

const cacheOf = (runDir: string | undefined, cacheDir: string | undefined) => ({ runDir, cacheDir });

export const realmApi = {
  prepareModuleOnce: (source: string, file: string, format: ModuleFormat, races: boolean, runDir: string | undefined, cacheDir: string | undefined): Outcome<string> =>
    outcome(() => prepareModuleOnce(source, file, format, { races, ...cacheOf(runDir, cacheDir) })),
  moduleFormatOf: (file: string, source: string | undefined, runDir: string | undefined, cacheDir: string | undefined): Outcome<ModuleFormat> =>
    outcome(() => moduleFormatOf(file, source, cacheOf(runDir, cacheDir))),
  typeScriptSourceFor: (specifier: string, parentFile: string): string | undefined => typeScriptSourceFor(specifier, parentFile),
  needsCompiling: (file: string): boolean => needsCompiling(file),
  isTypeScript: (file: string): boolean => isTypeScript(file),
  writeWhole: (path: string, chunk: Uint8Array): boolean => writeWhole(path, [chunk]),
};

export type RealmApi = typeof realmApi;
