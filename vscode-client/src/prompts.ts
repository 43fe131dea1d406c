/**
 * How a server's question (`window/showMessageRequest`: install this? run that hook?) is shown.
 * In an untrusted workspace the buttons are not offered: the question is shown as information
 * and answered "no", so nothing is installed or run there (DESIGN §7).
 * Pure logic, unit-tested on plain Node.
 */

export interface Question {
  type: number; // LSP MessageType: 1 error, 2 warning, 3 info, 4 log
  message: string;
  actions?: { title: string }[];
}

export interface Presentation {
  kind: 'error' | 'warning' | 'information';
  message: string;
  modal: boolean;
  buttons: string[];
  /** True when the server gets "no" whatever the user does. */
  refused: boolean;
}

export const TRUST_BUTTON = 'Manage Workspace Trust';

export function present(question: Question, modal: boolean, trusted: boolean): Presentation {
  const kind = question.type === 1 ? 'error' : question.type === 2 ? 'warning' : 'information';
  const titles = (question.actions ?? []).map((a) => a.title);
  if (!trusted && titles.length > 0) {
    return {
      kind,
      message: `${question.message} (not offered: this workspace is not trusted, lsp-heal installs and runs nothing here)`,
      modal: false,
      buttons: [TRUST_BUTTON],
      refused: true,
    };
  }
  return { kind, message: question.message, modal: modal && titles.length > 0, buttons: titles, refused: false };
}

/** The server commands that install or run something (DESIGN §5), as opposed to edits and reads. */
const RUNS_SOMETHING = new Set(['lspHeal.install', 'lspHeal.runCommand', 'lspHeal.rerunTest']);
const CONSEQUENTIAL_ACTIONS = new Set(['install', 'run', 'rerun']);

/** Whether a server command needs a trusted workspace: installs and commands do, edits do not. */
export function needsTrust(command: string, args: unknown[]): boolean {
  if (RUNS_SOMETHING.has(command)) {
    return true;
  }
  if (command === 'lspHeal.applyPlan') {
    const actions = (args[0] as { actions?: { kind?: string }[] } | undefined)?.actions;
    return !Array.isArray(actions) || actions.some((a) => CONSEQUENTIAL_ACTIONS.has(String(a?.kind)));
  }
  return false;
}
