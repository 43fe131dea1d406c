/**
 * The journal (`lspHeal.history`) as quick-pick items and the status bar's last healing.
 * Pure logic, unit-tested on plain Node.
 */

export interface JournalEntry {
  id: string;
  started: number; // seconds since the epoch
  state: string; // applying | applied | rolled_back
  outcome: string | null;
  title: string;
  command: string | null;
  detail: string;
}

export interface HistoryItem {
  label: string;
  description: string;
  detail: string;
  id: string;
  canRollBack: boolean;
}

const STATE_WORDS: Record<string, string> = {
  applying: 'being applied',
  applied: 'applied',
  rolled_back: 'rolled back',
};

export function when(started: number, now: number = Date.now() / 1000): string {
  const seconds = Math.max(0, Math.round(now - started));
  if (seconds < 60) { return `${seconds}s ago`; }
  if (seconds < 3600) { return `${Math.floor(seconds / 60)}m ago`; }
  if (seconds < 86400) { return `${Math.floor(seconds / 3600)}h ago`; }
  return `${Math.floor(seconds / 86400)}d ago`;
}

export function historyItems(entries: JournalEntry[], now?: number): HistoryItem[] {
  return entries.map((entry) => {
    const state = STATE_WORDS[entry.state] ?? entry.state;
    const outcome = entry.outcome ? ` (${entry.outcome})` : '';
    return {
      label: entry.title,
      description: `${state}${outcome} · ${when(entry.started, now)}`,
      detail: [entry.command ? `after \`${entry.command}\`` : '', entry.detail, entry.id]
        .filter((part) => part).join(' — '),
      id: entry.id,
      canRollBack: entry.state === 'applied',
    };
  });
}

/** The status bar's words for the newest entry, if any. */
export function lastHealing(entries: JournalEntry[], now?: number): string | undefined {
  const last = entries[0];
  return last ? `${last.title}, ${STATE_WORDS[last.state] ?? last.state} ${when(last.started, now)}` : undefined;
}

export interface RollbackResult {
  id: string;
  restored: boolean;
  detail: string;
  conflicts: { path: string; reason: string }[];
}

/** What the user is told after a rollback: done, or refused and why (the files in the way). */
export function rollbackMessage(result: RollbackResult): string {
  if (result.restored) {
    return `lsp-heal: rolled back ${result.id}. ${result.detail}`.trim();
  }
  const conflicts = result.conflicts.map((c) => `${c.path} (${c.reason})`).join(', ');
  return `lsp-heal: ${result.id} not rolled back: ${result.detail}${conflicts ? ` — ${conflicts}` : ''}`;
}
