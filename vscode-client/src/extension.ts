/** The extension's entry point: it only wires the features together. */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { handleQuestions } from './consent';
import { Reporter } from './reporter';
import { Server } from './server';
import { readSettings, Settings } from './settings';
import { StatusBar } from './statusBar';
import { registerTasks } from './tasks';
import { watchTerminals } from './terminalWatcher';

let server: Server | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const settings = (): Settings => {
    const config = vscode.workspace.getConfiguration('lspHeal');
    return readSettings((key, fallback) => config.get(key, fallback));
  };
  const channel = vscode.window.createOutputChannel('lsp-heal', { log: true });
  let status: StatusBar | undefined;
  server = new Server(settings, channel,
    (client) => handleQuestions(client, settings, (choice) => choice && status?.refreshSoon()));
  status = new StatusBar(server);
  const reporter = new Reporter(server, settings);
  context.subscriptions.push(
    channel, server, status,
    registerCommands(server, status),
    watchTerminals(reporter, settings, channel),
    registerTasks(reporter, settings),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('lspHeal.serverCommand')) {
        void server?.restart();
      }
    }),
    // the server was told the workspace is untrusted at start: tell it again, trusted
    vscode.workspace.onDidGrantWorkspaceTrust(() => void server?.restart()),
  );
  await server.start();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
}
