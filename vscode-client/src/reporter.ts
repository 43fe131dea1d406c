/**
 * Finished commands (terminal or task) on their way to the server: filtered by the user's
 * settings and the hooks config's `monitoring.commands`, gated (failures, and the success
 * that follows one), built (plain, capped) and sent.
 */
import * as vscode from 'vscode';
import { isMonitored, monitoredCommands } from './monitoring';
import { buildReport, FailureMemory, ReportSource } from './report';
import { Server } from './server';
import { Settings } from './settings';

export class Reporter {
  private readonly memory = new FailureMemory();

  constructor(private readonly server: Server, private readonly settings: () => Settings) {}

  async finished(command: string, cwd: string | undefined, exitCode: number, output: string,
                 source: ReportSource): Promise<void> {
    const settings = this.settings();
    if (!command.trim()) {
      return;
    }
    if (settings.onlyMonitoredCommands && !isMonitored(command, await readMonitoredCommands())) {
      this.server.channel.info(`not sent (not in monitoring.commands): \`${command}\``);
      return;
    }
    if (this.memory.shouldSend(command, cwd, exitCode)) {
      this.server.report(buildReport(command, cwd, exitCode, output, source, settings.maxOutputChars));
    }
  }
}

/** `monitoring.commands` of the first workspace folder's `.lsp_heal/hooks.json`. */
async function readMonitoredCommands(): Promise<string[]> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    return [];
  }
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.lsp_heal', 'hooks.json'));
    return monitoredCommands(new TextDecoder().decode(bytes));
  } catch {
    return [];
  }
}
