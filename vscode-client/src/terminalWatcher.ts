/**
 * Terminal commands, through VS Code's shell integration: the output of each command is read
 * from its start (`execution.read()` only yields what comes after the first call), kept to
 * the cap while it streams, and handed to the reporter with the exit code when it ends.
 */
import * as vscode from 'vscode';
import { TailBuffer } from './capture';
import { Reporter } from './reporter';
import { Settings } from './settings';

/** How long the end of a command waits for the rest of its output stream. */
const DRAIN_MS = 1000;

interface Reading {
  buffer: TailBuffer;
  done: Promise<void>;
}

export function watchTerminals(reporter: Reporter, settings: () => Settings,
                               channel: vscode.LogOutputChannel): vscode.Disposable {
  const readings = new Map<vscode.TerminalShellExecution, Reading>();
  const started = vscode.window.onDidStartTerminalShellExecution((event) => {
    if (settings().watchTerminal) {
      readings.set(event.execution, read(event.execution, settings().maxOutputChars));
    }
  });
  const ended = vscode.window.onDidEndTerminalShellExecution(async (event) => {
    const reading = readings.get(event.execution);
    readings.delete(event.execution);
    const command = event.execution.commandLine.value;
    if (!reading || event.exitCode === undefined || !settings().watchTerminal) {
      return;
    }
    channel.info(`terminal command ended: \`${command}\` exit ${event.exitCode} at ${new Date().toISOString()}`);
    await Promise.race([reading.done, new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]);
    const cwd = event.execution.cwd?.fsPath ?? event.shellIntegration.cwd?.fsPath
      ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    await reporter.finished(command, cwd, event.exitCode, reading.buffer.text(), 'terminal');
  });
  return vscode.Disposable.from(started, ended);
}

function read(execution: vscode.TerminalShellExecution, max: number): Reading {
  const buffer = new TailBuffer(max);
  const done = (async () => {
    for await (const chunk of execution.read()) {
      buffer.append(chunk);
    }
  })().catch(() => undefined);
  return { buffer, done };
}
