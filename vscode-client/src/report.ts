/**
 * The `lspHeal/commandFinished` notification (DESIGN §5) and which finished commands get one.
 * Pure logic, no `vscode` import: unit-tested on plain Node.
 */
import { capTail, plainText } from './capture';

export const COMMAND_FINISHED = 'lspHeal/commandFinished';

export type ReportSource = 'terminal' | 'task';

export interface CommandFinished {
  command: string;
  cwd: string;
  exitCode: number;
  output: string;
  source: ReportSource;
}

/** The notification's params: the command line trimmed, the output plain and capped (tail kept). */
export function buildReport(command: string, cwd: string | undefined, exitCode: number,
                            output: string, source: ReportSource, maxChars: number): CommandFinished {
  return {
    command: command.trim(),
    cwd: cwd ?? '',
    exitCode,
    output: capTail(plainText(output), maxChars),
    source,
  };
}

/**
 * Decides which finished commands are worth a notification: every failure, and the first
 * success of a command that failed before (so the server clears that command's diagnostics).
 * Successes of commands that never failed are not sent: they say nothing new.
 */
export class FailureMemory {
  private failing = new Set<string>();

  shouldSend(command: string, cwd: string | undefined, exitCode: number): boolean {
    const key = `${cwd ?? ''}\x1f${command.trim()}`;
    if (exitCode !== 0) {
      this.failing.add(key);
      return true;
    }
    return this.failing.delete(key);
  }
}
