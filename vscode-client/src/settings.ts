/**
 * The extension's settings, read once through a getter (so tests need no VS Code), and the
 * server command they lead to. Pure logic, unit-tested on plain Node.
 */

export interface Settings {
  serverCommand: string[];
  watchTerminal: boolean;
  onlyMonitoredCommands: boolean;
  maxOutputChars: number;
  watchTasks: boolean;
  modalConfirmations: boolean;
}

/** What `vscode.workspace.getConfiguration('lspHeal').get` does. */
export type Getter = <T>(key: string, fallback: T) => T;

export const MIN_OUTPUT_CHARS = 1000;

export function readSettings(get: Getter): Settings {
  const command = get<unknown>('serverCommand', []);
  const maxChars = Number(get<unknown>('output.maxChars', 200000));
  return {
    serverCommand: Array.isArray(command) ? command.filter((w) => typeof w === 'string' && w !== '') : [],
    watchTerminal: get<unknown>('terminal.watch', true) !== false,
    onlyMonitoredCommands: get<unknown>('terminal.onlyMonitoredCommands', false) === true,
    maxOutputChars: Number.isFinite(maxChars) ? Math.max(Math.floor(maxChars), MIN_OUTPUT_CHARS) : 200000,
    watchTasks: get<unknown>('tasks.watch', true) !== false,
    modalConfirmations: get<unknown>('confirmations.modal', false) === true,
  };
}

export interface ServerCommand {
  command: string;
  args: string[];
  /** Where it came from, for the message when it cannot start. */
  origin: 'setting' | 'python-extension' | 'path';
}

/**
 * The setting when set; else the Python extension's interpreter when it has lsp_heal; else
 * `lsp-heal serve` from the PATH. (vscode-languageclient appends `--stdio` itself.)
 */
export function resolveServerCommand(setting: string[], interpreterWithLspHeal: string | undefined): ServerCommand {
  if (setting.length > 0) {
    return { command: setting[0], args: setting.slice(1), origin: 'setting' };
  }
  if (interpreterWithLspHeal) {
    return { command: interpreterWithLspHeal, args: ['-m', 'lsp_heal', 'serve'], origin: 'python-extension' };
  }
  return { command: 'lsp-heal', args: ['serve'], origin: 'path' };
}

/** The one-line message when the server cannot start, saying what was tried and what to do. */
export function startFailureMessage(server: ServerCommand, reason: string): string {
  const tried = [server.command, ...server.args].join(' ');
  const hint = server.origin === 'setting'
    ? 'Check the setting lspHeal.serverCommand.'
    : 'Install lsp_heal (pip install lsp-heal) in the selected Python environment, or set lspHeal.serverCommand.';
  return `lsp-heal: the language server did not start (\`${tried}\`: ${reason}). ${hint}`;
}
