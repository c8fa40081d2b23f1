// Integration tests inside a real VS Code extension host (code-server), through the same run() contract that
// @vscode/test-electron uses: resolve = pass, reject = fail.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LoopscopeApi } from '../../../src/extension/extension';

const tests: [string, () => Promise<void>][] = [];
const test = (name: string, fn: () => Promise<void>) => tests.push([name, fn]);

async function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 20_000, pollMs = 100): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

let api: LoopscopeApi;
const folder = () => vscode.workspace.workspaceFolders![0].uri;
const file = (name: string) => vscode.Uri.joinPath(folder(), name);

test('the extension activates and registers its commands', async () => {
  const ext = vscode.extensions.getExtension<LoopscopeApi>('loopscope.loopscope');
  assert.ok(ext, 'Loopscope is loaded as the development extension');
  api = await ext.activate();
  const commands = await vscode.commands.getCommands(true);
  for (const c of ext.packageJSON.contributes.commands as { command: string }[]) assert.ok(commands.includes(c.command), `${c.command} is registered`);
});

test('Trace async execution opens the panel beside the editor with the trace', async () => {
  const editor = await vscode.window.showTextDocument(file('ordering.js'));
  await vscode.commands.executeCommand('loopscope.trace', editor.document.uri);
  const panel = await waitFor('the panel', () => api.panels().find((p) => p.entry === editor.document.uri.fsPath));
  assert.equal(panel.delivery, 'message', 'a small trace travels in the message');
  assert.equal(panel.panel.title, 'Loopscope: ordering.js');
  await waitFor('the panel beside the editor', () => panel.panel.viewColumn === vscode.ViewColumn.Two);
  const queueOf = new Map(panel.trace.output.map((o) => [o.text.trim(), panel.trace.tasks[o.task!].queue]));
  assert.deepEqual(Object.fromEntries(queueOf), { 'main: start': 'main', 'main: end': 'main', promise: 'microtask', timer: 'timer', 'read true': 'microtask' });
});

test('the current step is highlighted in the editor once the view is up', async () => {
  const panel = api.panels()[0];
  await vscode.window.showTextDocument(file('ordering.js'), vscode.ViewColumn.One);
  // step to the first output line: the view reports the step, the host decorates its line
  const step = panel.trace.output[0].step;
  panel.goToStep(step);
  await waitFor('the decorated editor', () => panel.step === step && api.decorations.decoratedEditors().length === 1);
  assert.equal(api.decorations.decoratedEditors()[0].document.uri.fsPath, file('ordering.js').fsPath);
});

test('reveal opens the source line; malformed messages are ignored', async () => {
  const panel = api.panels()[0] as unknown as { receive(m: unknown): void };
  panel.receive({ v: 1, type: 'reveal', source: { file: file('ordering.js').fsPath, line: 9, column: 3 } });
  await waitFor('the revealed line', () => vscode.window.activeTextEditor?.selection.active.line === 8);
  for (const bad of [null, 42, { type: 'reveal' }, { v: 1, type: 'reveal', source: { file: 7 } }, { v: 1, type: 'nope' }, { v: 99, type: 'ready' }]) {
    panel.receive(bad); // must not throw
  }
});

test('TypeScript traces point at .ts lines', async () => {
  const trace = await vscode.commands.executeCommand<unknown>('loopscope.trace', file('typed.ts'));
  const panel = await waitFor('the TypeScript panel', () => api.panels().find((p) => p.entry.endsWith('typed.ts')));
  assert.ok(trace);
  assert.equal(panel.trace.coroutines[0].awaits[0].source.line, 8);
  assert.equal(panel.trace.output.find((o) => o.text.startsWith('done'))!.source!.line, 12);
});

/** A scratch copy of a workspace file for tests that edit and save: the committed fixtures are never changed. */
function scratchCopy(from: string, name: string): vscode.Uri {
  const uri = file(name);
  writeFileSync(uri.fsPath, readFileSync(file(from).fsPath, 'utf8'));
  return uri;
}

test('unsaved changes are traced as the user sees them', async () => {
  const scratch = scratchCopy('ordering.js', 'scratch-unsaved.js');
  const doc = await vscode.workspace.openTextDocument(scratch);
  const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), "console.log('unsaved line');\n"));
  assert.ok(doc.isDirty);
  await vscode.commands.executeCommand('loopscope.trace', doc.uri);
  const panel = api.panels().find((p) => p.entry === doc.uri.fsPath)!;
  await waitFor('the unsaved line in the trace', () => !!panel.trace?.output.some((o) => o.text === 'unsaved line\n'));
  // leave the file as it was: revert with its editor active
  await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.ok(!doc.isDirty, 'reverted');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  rmSync(scratch.fsPath, { force: true });
});

test('re-trace on save refreshes the open panel in place, keeping its step', async () => {
  const config = vscode.workspace.getConfiguration('loopscope');
  await config.update('retraceOnSave', true, vscode.ConfigurationTarget.Global);
  try {
    const doc = await vscode.workspace.openTextDocument(scratchCopy('ordering.js', 'scratch-save.js'));
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('loopscope.trace', doc.uri);
    const panel = api.panels().find((p) => p.entry === doc.uri.fsPath)!;
    const before = panel.trace;
    panel.goToStep(3);
    await waitFor('the view at step 3', () => panel.step === 3);
    const original = readFileSync(doc.uri.fsPath, 'utf8'); // what is on disk, whatever other tests left in the editor
    await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), "console.log('saved line');\n"));
    await doc.save();
    await waitFor('the re-traced panel', () => panel.trace !== before && panel.trace.output.some((o) => o.text === 'saved line\n'));
    assert.equal(api.panels().filter((p) => p.entry === doc.uri.fsPath).length, 1, 'the same panel, refreshed');
    assert.equal(panel.step, 3, 'the step is kept');
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, doc.lineCount, 0), original));
    await doc.save();
    panel.dispose();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    rmSync(doc.uri.fsPath, { force: true });
  } finally {
    await config.update('retraceOnSave', undefined, vscode.ConfigurationTarget.Global);
  }
});

test('a race across an await shows in the Problems panel on the stale write, with its other places', async () => {
  await vscode.commands.executeCommand('loopscope.trace', file('race.js'));
  const diagnostics = await waitFor('the race diagnostic', () => {
    const d = api.findings.get(file('race.js').fsPath);
    return d.length ? d : null;
  });
  assert.equal(diagnostics.length, 1);
  const [d] = diagnostics;
  assert.equal(d.code, 'lost-update');
  assert.equal(d.source, 'Loopscope');
  assert.equal(d.range.start.line, 7, 'on the stale write (line 8)');
  assert.deepEqual(d.relatedInformation!.map((r) => r.location.range.start.line + 1).sort(), [6, 7, 8]);
  assert.match(d.message, /Lost update on visits/);
  // its quick action (offered in the editor, so the file is open) takes the panel to the moment of the stale write
  await vscode.window.showTextDocument(file('race.js'), vscode.ViewColumn.One);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', file('race.js'), d.range);
  const show = actions.find((a) => a.title === 'Show this in the Loopscope panel');
  assert.ok(show?.command, 'a quick action links the diagnostic to the panel');
  const panel = api.panels().find((p) => p.entry === file('race.js').fsPath)!;
  await vscode.commands.executeCommand(show.command.command, ...(show.command.arguments ?? []));
  await waitFor('the panel at the finding', () => panel.step === show.command!.arguments![1]);
  // closing its panel clears them
  api.panels().find((p) => p.entry === file('race.js').fsPath)!.dispose();
  assert.equal(api.findings.get(file('race.js').fsPath).length, 0);
});

test('an unhandled rejection shows on the line that made the promise, and its quick action goes to that moment', async () => {
  await vscode.commands.executeCommand('loopscope.trace', file('rejects.js'));
  const [d] = await waitFor('the rejection diagnostic', () => {
    const found = api.findings.get(file('rejects.js').fsPath);
    return found.length ? found : null;
  });
  assert.equal(d.code, 'unhandled-rejection');
  assert.equal(d.range.start.line, 5, 'on the call nobody awaited (line 6)');
  assert.deepEqual(d.relatedInformation!.map((r) => [r.message, r.location.range.start.line + 1]), [['rejected here', 4]]);
  assert.match(d.message, /disk full while saving report\.txt/);
  await vscode.window.showTextDocument(file('rejects.js'), vscode.ViewColumn.One);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', file('rejects.js'), d.range);
  const show = actions.find((a) => a.title === 'Show this in the Loopscope panel');
  assert.ok(show?.command, 'a quick action links the diagnostic to the panel');
  const panel = api.panels().find((p) => p.entry === file('rejects.js').fsPath)!;
  const step = show.command.arguments![1] as number;
  await vscode.commands.executeCommand(show.command.command, ...(show.command.arguments ?? []));
  await waitFor('the panel at the moment the promise was made', () => panel.step === step);
  // the moment is the call of save(), in the main script
  assert.equal(panel.trace.steps[step].kind, 'call');
  assert.equal(panel.trace.sites[panel.trace.steps[step].site]?.name, 'save');
  panel.dispose();
});

test('Cancel stops the program and its whole process tree, and keeps what was recorded', async () => {
  const uri = file('forever.js');
  const running = vscode.commands.executeCommand('loopscope.trace', uri) as Thenable<unknown>;
  await waitFor('the running trace', () => api.controller.runningCount === 1);
  // long enough for Node to start and the 50 ms interval to tick a few times, even on a busy machine
  await new Promise((r) => setTimeout(r, 1500));
  api.controller.cancelAll();
  await running;
  const panel = await waitFor('the cancelled trace', () => api.panels().find((p) => p.entry === uri.fsPath));
  assert.equal(panel.trace.program.stopped, 'cancelled');
  assert.ok(panel.trace.tasks.filter((t) => t.queue === 'timer').length >= 2, 'ticks before the cancel are kept');
  const ps = execFileSync('ps', ['-eo', 'args']).toString();
  assert.ok(!ps.includes(uri.fsPath), 'no process is left running the program');
});

test('a trace of 230k steps: the panel draws its first step soon after the program ends (logged, for the README)', async () => {
  const started = Date.now();
  const trace = (await vscode.commands.executeCommand('loopscope.trace', file('steps-230k.js'))) as { program: { durationMs: number }; steps: unknown[] } | undefined;
  assert.ok(trace, 'traced');
  assert.ok(trace.steps.length > 200_000, `about 230k steps (${trace.steps.length})`);
  const panel = await waitFor('the panel', () => api.panels().find((p) => p.entry === file('steps-230k.js').fsPath), 60_000);
  await waitFor('the view to draw its first step', () => panel.viewShown, 120_000, 10);
  const drawn = Date.now() - started;
  console.log(`[loopscope] 230k-step trace: ${trace.steps.length} steps, panel drawn ${drawn} ms after the command, ${drawn - trace.program.durationMs} ms after the program ended`);
  assert.equal(panel.delivery, 'file bytes', "the trace file's bytes went in the message");
  panel.dispose();
});

test('a trace of about a million events opens, and VS Code stays responsive', async () => {
  const started = Date.now();
  const trace = (await vscode.commands.executeCommand('loopscope.trace', file('million.js'))) as { program: { events: number; durationMs: number }; steps: unknown[] } | undefined;
  assert.ok(trace, 'traced');
  assert.ok(trace.program.events > 900_000, `about a million events (${trace.program.events})`);
  const panel = await waitFor('the big panel', () => api.panels().find((p) => p.entry === file('million.js').fsPath), 60_000);
  await waitFor('the view to draw its first step', () => panel.viewShown, 120_000, 10);
  // the program ended at most durationMs after the command (its run is timed from its spawn): what follows is ours
  const drawn = Date.now() - started;
  console.log(
    `[loopscope] 1M-event trace: ${trace.program.events} events, ${trace.steps.length} steps, panel drawn ${drawn} ms after the command, ` +
      `${drawn - trace.program.durationMs} ms after the program ended`,
  );
  // the view read the trace file's bytes, not objects the extension host had to serialize into a message
  assert.equal(panel.delivery, 'file bytes');
  // the extension host still answers
  const t = Date.now();
  await vscode.commands.executeCommand('loopscope.togglePresentation');
  await vscode.commands.executeCommand('loopscope.togglePresentation');
  assert.ok(Date.now() - t < 2000, 'commands still run at once');
  panel.dispose();
});

test('closing a panel removes the decorations', async () => {
  for (const p of api.panels()) p.dispose();
  assert.equal(api.panels().length, 0);
  assert.equal(api.decorations.decoratedEditors().length, 0);
});

export async function run(): Promise<void> {
  const failures: string[] = [];
  // LOOPSCOPE_ONLY=<text>: the activation test and the tests whose name contains the text (a developer's loop)
  const only = process.env.LOOPSCOPE_ONLY;
  for (const [name, fn] of tests) {
    if (only && name !== tests[0][0] && !name.includes(only)) continue;
    const started = Date.now();
    try {
      await fn();
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (err) {
      console.log(`not ok - ${name}: ${(err as Error).stack ?? err}`);
      failures.push(name);
    }
  }
  console.log(`${tests.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} VS Code integration test(s) failed: ${failures.join('; ')}`);
}
