/** The status bar item: the server's state and the last healing; a click opens the history. */
import * as vscode from 'vscode';
import { JournalEntry, lastHealing } from './history';
import { Server, ServerState } from './server';

const ICONS: Record<ServerState, string> = {
  starting: '$(sync~spin)',
  running: '$(heart)',
  stopped: '$(circle-slash)',
  failed: '$(error)',
};

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lspHeal.status', vscode.StatusBarAlignment.Right, 100);
  private last: string | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly server: Server) {
    this.item.name = 'lsp-heal';
    this.item.command = 'lspHeal.showHistory';
    this.subscription = server.onDidChangeState((state) => {
      this.show();
      if (state === 'running') {
        void this.refresh();
      }
    });
    this.show();
    this.item.show();
  }

  /** Read the newest journal entry again (after something may have been applied). */
  async refresh(): Promise<void> {
    try {
      const history = await this.server.execute<{ entries: JournalEntry[] }>('lspHeal.history', { limit: 1 });
      this.last = history ? lastHealing(history.entries) : this.last;
    } catch (error) {
      this.server.channel.warn(`could not read the history: ${error}`);
    }
    this.show();
  }

  /** Refresh now and a little later: an apply the user just chose takes a moment. */
  refreshSoon(): void {
    for (const ms of [3000, 15000]) {
      setTimeout(() => void this.refresh(), ms);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private show(): void {
    const state = this.server.state;
    this.item.text = `${ICONS[state]} lsp-heal`;
    const tooltip = new vscode.MarkdownString(`**lsp-heal**: server ${state}`);
    tooltip.appendMarkdown(this.last ? `  \nLast healing: ${this.last}` : '  \nNo healing yet');
    tooltip.appendMarkdown('  \nClick for the history.');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}
