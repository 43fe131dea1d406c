/**
 * The server's questions (`window/showMessageRequest`: install this package? run this hook?),
 * shown as a modal dialog or a notification as the user's settings say, and answered "no"
 * without asking in an untrusted workspace.
 */
import * as vscode from 'vscode';
import { LanguageClient, MessageActionItem, ShowMessageRequest, ShowMessageRequestParams } from 'vscode-languageclient/node';
import { present, TRUST_BUTTON } from './prompts';
import { Settings } from './settings';

const SHOW = {
  error: vscode.window.showErrorMessage,
  warning: vscode.window.showWarningMessage,
  information: vscode.window.showInformationMessage,
};

/** Replace the client's default handler (it must be called before the client starts). */
export function handleQuestions(client: LanguageClient, settings: () => Settings,
                                answered: (choice: string | undefined) => void): void {
  client.onRequest(ShowMessageRequest.type, async (params: ShowMessageRequestParams): Promise<MessageActionItem | null> => {
    const shown = present(params, settings().modalConfirmations, vscode.workspace.isTrusted);
    const show = SHOW[shown.kind] as (m: string, o: vscode.MessageOptions, ...items: string[]) => Thenable<string | undefined>;
    const choice = await show(shown.message, { modal: shown.modal }, ...shown.buttons);
    if (shown.refused) {
      if (choice === TRUST_BUTTON) {
        void vscode.commands.executeCommand('workbench.trust.manage');
      }
      return null;
    }
    answered(choice);
    return choice ? { title: choice } : null;
  });
}
