// The extension's settings, typed, in one place (names match package.json's contributes.configuration).
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { clampSettings, type ViewSettings } from '../protocol';

export interface LoopscopeSettings {
  nodePath: string;
  programArgs: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  maxEvents: number;
  userCodeExclude: string[];
  windowSize: number;
  diagramTheme: 'auto' | 'default' | 'dark' | 'neutral' | 'forest';
  presentationFontScale: number;
  playSpeed: number;
  retraceOnSave: boolean;
  /** a server under load: a JSON file of requests to send once it listens */
  requestsFile: string;
}

export function readSettings(resource?: vscode.Uri): LoopscopeSettings {
  const c = vscode.workspace.getConfiguration('loopscope', resource);
  return {
    nodePath: c.get<string>('nodePath', 'node') || 'node',
    programArgs: c.get<string[]>('programArgs', []),
    cwd: c.get<string>('cwd', ''),
    env: c.get<Record<string, string>>('env', {}),
    timeoutMs: c.get<number>('timeoutMs', 10_000),
    maxEvents: c.get<number>('maxEvents', 2_000_000),
    userCodeExclude: c.get<string[]>('userCodeExclude', ['/node_modules/']),
    windowSize: c.get<number>('diagram.windowSize', 250),
    diagramTheme: c.get('diagram.theme', 'auto'),
    presentationFontScale: c.get<number>('presentation.fontScale', 1.4),
    playSpeed: c.get<number>('playSpeed', 2),
    retraceOnSave: c.get<boolean>('retraceOnSave', false),
    requestsFile: c.get<string>('requestsFile', ''),
  };
}

/** The working directory for a traced file: the setting (with variables expanded), else its workspace folder. */
export function workingDirectory(settings: LoopscopeSettings, file: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(file)?.uri.fsPath;
  if (settings.cwd) {
    return settings.cwd.replace(/\$\{fileDirname\}/g, dirname(file.fsPath)).replace(/\$\{workspaceFolder\}/g, folder ?? dirname(file.fsPath));
  }
  return folder ?? dirname(file.fsPath);
}

/** What the panel is told, clamped to what the view accepts (a hand-edited setting can be out of range). */
export function viewSettings(settings: LoopscopeSettings, modes: { presentation: boolean; predict: boolean }): ViewSettings {
  return clampSettings({
    windowSize: settings.windowSize,
    speed: settings.playSpeed,
    fontScale: modes.presentation ? settings.presentationFontScale : 1,
    diagramTheme: settings.diagramTheme,
    predict: modes.predict,
    presentation: modes.presentation,
  });
}
