// What every view gets from the app: the trace, its indexes, and the one way to change the shared current step.
import type { Trace, SourceSite } from '../src/core/trace-format';
import type { StepIndex } from '../src/core/stepping';
import type { ExportFile, ViewSettings } from '../src/protocol';
import type { ThemeKind } from './theme';

/** What the page embedding the viewer does for it. The HTML report and the VS Code panel each implement one. */
export interface Host {
  /** show this source line in an editor (VS Code). Without it (the HTML report) the viewer's own code view shows it. */
  reveal?(source: SourceSite): void;
  /** the current step changed (VS Code moves its editor decoration); `number` of `total` is what the panel shows */
  stepChanged(step: number, source: SourceSite | null, shown: { number: number; total: number }): void;
  /** save a file; without it the viewer downloads the file itself */
  exportData?(file: ExportFile): void;
}

export interface ViewContext {
  readonly trace: Trace;
  readonly index: StepIndex;
  /** the text of the program's files, by path (may be empty) */
  readonly sources: Readonly<Record<string, string>>;
  readonly settings: ViewSettings;
  readonly theme: ThemeKind;
  readonly playing: boolean;
  /** make `step` the current step of every view */
  goTo(step: number): void;
  /** draw the current step again (a view changed what it shows) */
  refresh(): void;
  /** go to `step` and ask the host to reveal `source` (what clicking anything with a source does) */
  select(step: number, source: SourceSite | null): void;
  exportFile(file: ExportFile): void;
  /** hide output not printed yet, and ask what prints next before each print */
  setPredict(on: boolean): void;
}
