/**
 * The language server's life: start it with the command the settings lead to, restart it
 * when they change, say clearly when it cannot start (with a button to the setting), and
 * carry requests and notifications to it once it runs.
 */
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind,
} from 'vscode-languageclient/node';
import { needsTrust } from './prompts';
import { interpreterWithLspHeal } from './python';
import { COMMAND_FINISHED, CommandFinished } from './report';
import { resolveServerCommand, ServerCommand, Settings, startFailureMessage } from './settings';

export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

/** What the extension adds to the client before it starts (the consent handler). */
export type ClientSetup = (client: LanguageClient) => void;

export class Server implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  readonly onDidChangeState = this.stateEmitter.event;
  state: ServerState = 'stopped';

  constructor(
    private readonly settings: () => Settings,
    readonly channel: vscode.LogOutputChannel,
    private readonly setup: ClientSetup,
  ) {}

  async start(): Promise<void> {
    this.setState('starting');
    const folder = vscode.workspace.workspaceFolders?.[0];
    const server = resolveServerCommand(this.settings().serverCommand, await interpreterWithLspHeal(folder?.uri));
    this.channel.info(`starting the server: ${[server.command, ...server.args].join(' ')} (from ${server.origin})`);
    const client = new LanguageClient('lspHeal', 'lsp-heal', this.serverOptions(server, folder), this.clientOptions());
    this.setup(client);
    client.onDidChangeState((change) => {
      if (this.client === client) {
        this.setState(change.newState === State.Running ? 'running'
          : change.newState === State.Starting ? 'starting' : 'stopped');
      }
    });
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.setState('failed');
      void this.cannotStart(server, error);
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.isRunning()) {
      await client.stop().catch(() => undefined);
    }
    this.setState('stopped');
  }

  /** Send a finished command's report; dropped (with a log line) when the server is not running. */
  report(report: CommandFinished): void {
    if (!this.client?.isRunning()) {
      this.channel.warn(`not sent (server not running): \`${report.command}\` exit ${report.exitCode}`);
      return;
    }
    void this.client.sendNotification(COMMAND_FINISHED, report);
    this.channel.info(`sent ${COMMAND_FINISHED}: \`${report.command}\` exit ${report.exitCode} ` +
      `(${report.source}, ${report.output.length} chars) at ${new Date().toISOString()}`);
  }

  /** Run one of the server's `lspHeal.*` commands; installs and commands refused when untrusted. */
  async execute<T>(command: string, ...args: unknown[]): Promise<T | undefined> {
    if (!this.client?.isRunning()) {
      void vscode.window.showWarningMessage('lsp-heal: the language server is not running.', 'Show Output')
        .then((choice) => choice && this.channel.show());
      return undefined;
    }
    if (!mayRun(command, args)) {
      return undefined;
    }
    return this.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;
  }

  dispose(): void {
    void this.stop();
    this.stateEmitter.dispose();
  }

  private serverOptions(server: ServerCommand, folder: vscode.WorkspaceFolder | undefined): ServerOptions {
    return {
      command: server.command,
      args: server.args,
      transport: TransportKind.stdio, // the client appends --stdio, which `lsp-heal serve` takes
      options: { cwd: folder?.uri.fsPath },
    };
  }

  private clientOptions(): LanguageClientOptions {
    return {
      // every file: errors read from a command's output may land on any of them, and their
      // quick fixes need the document; the server checks only the languages it knows
      documentSelector: [{ scheme: 'file' }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.lsp_heal/hooks.json') },
      initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted, client: 'vscode' },
      outputChannel: this.channel,
      middleware: {
        // quick fixes run server commands too: the same trust rule as the palette's
        executeCommand: (command, args, next) => (mayRun(command, args) ? next(command, args) : undefined),
      },
    };
  }

  private setState(state: ServerState): void {
    this.state = state;
    this.stateEmitter.fire(state);
  }

  private async cannotStart(server: ServerCommand, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const message = startFailureMessage(server, reason);
    this.channel.error(message);
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'lspHeal.serverCommand');
    } else if (choice === 'Show Output') {
      this.channel.show();
    }
  }
}

function mayRun(command: string, args: unknown[]): boolean {
  if (vscode.workspace.isTrusted || !needsTrust(command, args)) {
    return true;
  }
  void vscode.window.showWarningMessage(
    'lsp-heal installs and runs nothing in an untrusted workspace.', 'Manage Workspace Trust',
  ).then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}
