/** The command palette's `lsp-heal:` entries, each a call of one of the server's commands. */
import * as vscode from 'vscode';
import { historyItems, JournalEntry, RollbackResult, rollbackMessage } from './history';
import { Server } from './server';
import { StatusBar } from './statusBar';

export function registerCommands(server: Server, status: StatusBar): vscode.Disposable {
  const rollback = async (id: string | undefined, title: string) => {
    const yes = 'Roll Back';
    const choice = await vscode.window.showWarningMessage(`Roll back "${title}"?`,
      { modal: true, detail: 'The files it changed are restored; a file you changed since is left alone.' }, yes);
    if (choice !== yes) {
      return;
    }
    const result = await server.execute<RollbackResult>('lspHeal.rollback', id ? { id } : {}).catch(failed);
    if (result) {
      const show = result.restored ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
      void show(rollbackMessage(result));
      void status.refresh();
    }
  };
  const learnerCommand = (command: string, title: string) => async () => {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title },
      () => server.execute<Record<string, unknown>>(command, {}),
    ).then(undefined, failed);
    if (report) {
      void vscode.window.showInformationMessage(`lsp-heal: ${title.toLowerCase()}: done — ${summary(report)}`);
    }
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('lspHeal.showHistory', async () => {
      const history = await server.execute<{ entries: JournalEntry[] }>('lspHeal.history', { limit: 50 }).catch(failed);
      if (!history) {
        return;
      }
      const items = historyItems(history.entries);
      const picked = await vscode.window.showQuickPick(items, {
        title: 'lsp-heal history', placeHolder: items.length ? 'Pick an applied recovery to roll it back' : 'Nothing applied yet',
        matchOnDescription: true, matchOnDetail: true,
      });
      if (picked?.canRollBack) {
        await rollback(picked.id, picked.label);
      } else if (picked) {
        void vscode.window.showInformationMessage(`lsp-heal: "${picked.label}" is ${picked.description}; nothing to roll back.`);
      }
    }),
    vscode.commands.registerCommand('lspHeal.rollbackLast', () => rollback(undefined, 'the last recovery')),
    vscode.commands.registerCommand('lspHeal.trainLearner', learnerCommand('lspHeal.train', 'Training the pattern learner')),
    vscode.commands.registerCommand('lspHeal.pruneLearner', learnerCommand('lspHeal.prune', 'Pruning learned patterns')),
    vscode.commands.registerCommand('lspHeal.runCommandPrompt', async () => {
      const command = await vscode.window.showInputBox({
        title: 'lsp-heal: run a command', prompt: 'Its errors become diagnostics and fixes (run without a shell)',
        placeHolder: 'pytest -x',
      });
      if (command?.trim()) {
        const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
        const result = await server.execute<{ run: boolean; exit_code?: number; detail?: string }>(
          'lspHeal.runCommand', { command, cwd }).catch(failed);
        if (result) {
          void vscode.window.showInformationMessage(result.run
            ? `lsp-heal: \`${command}\` exited with ${result.exit_code}` : `lsp-heal: not run: ${result.detail}`);
        }
      }
    }),
    vscode.commands.registerCommand('lspHeal.showOutput', () => server.channel.show()),
    vscode.commands.registerCommand('lspHeal.restartServer', () => server.restart()),
  );
}

function failed(error: unknown): undefined {
  void vscode.window.showErrorMessage(`lsp-heal: ${error instanceof Error ? error.message : String(error)}`);
  return undefined;
}

function summary(report: Record<string, unknown>): string {
  return Object.entries(report)
    .filter(([, value]) => typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    .map(([key, value]) => `${key.replace(/_/g, ' ')} ${value}`).join(', ');
}
