/**
 * The `lsp-heal` task type: the task runs its command (an argv list, never through a shell),
 * streams the output into the task's terminal, and reports it to the server when it ends.
 * Ordinary tasks are reported too, with their exit code (their output is not ours to read;
 * when their terminal has shell integration, the terminal watcher reads it).
 */
import { spawn } from 'node:child_process';
import * as vscode from 'vscode';
import { TailBuffer } from './capture';
import { Reporter } from './reporter';
import { Settings } from './settings';
import { splitWords } from './words';

export const TASK_TYPE = 'lsp-heal';

interface HealTaskDefinition extends vscode.TaskDefinition {
  command: string;
  args?: string[];
  cwd?: string;
}

export function registerTasks(reporter: Reporter, settings: () => Settings): vscode.Disposable {
  const provider = vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () => [],
    resolveTask: (task) => {
      const definition = task.definition as HealTaskDefinition;
      if (typeof definition.command !== 'string') {
        return undefined;
      }
      return new vscode.Task(definition, task.scope ?? vscode.TaskScope.Workspace, task.name, TASK_TYPE,
        new vscode.CustomExecution(async () => new CommandTerminal(definition, folderOf(task), reporter, settings)));
    },
  });
  const ordinary = vscode.tasks.onDidEndTaskProcess((event) => {
    const task = event.execution.task;
    if (task.definition.type === TASK_TYPE || event.exitCode === undefined || !settings().watchTasks) {
      return;
    }
    const command = commandLineOf(task);
    if (command) {
      void reporter.finished(command, cwdOf(task), event.exitCode, '', 'task');
    }
  });
  return vscode.Disposable.from(provider, ordinary);
}

/** A pseudoterminal that runs one command and shows its output as it comes. */
class CommandTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private kill: (() => void) | undefined;

  constructor(private readonly definition: HealTaskDefinition, private readonly folder: string | undefined,
              private readonly reporter: Reporter, private readonly settings: () => Settings) {}

  open(): void {
    const words = this.definition.args ? [this.definition.command, ...this.definition.args]
      : splitWords(this.definition.command);
    const commandLine = this.definition.args
      ? [this.definition.command, ...this.definition.args].join(' ') : this.definition.command;
    if (!words || words.length === 0) {
      this.finish(`lsp-heal: cannot read the command \`${this.definition.command}\` (an unclosed quote?)\r\n`, 2);
      return;
    }
    const cwd = this.definition.cwd ?? this.folder;
    const output = new TailBuffer(this.settings().maxOutputChars);
    const child = spawn(words[0], words.slice(1), { cwd, env: process.env });
    this.kill = () => child.kill();
    const show = (data: Buffer) => {
      const text = data.toString('utf8');
      output.append(text);
      this.writeEmitter.fire(text.replace(/\r?\n/g, '\r\n'));
    };
    child.stdout.on('data', show);
    child.stderr.on('data', show);
    let ended = false;
    const end = (exitCode: number, line: string) => {
      if (!ended) { // a spawn error may be followed by 'close': report once
        ended = true;
        void this.reporter.finished(commandLine, cwd, exitCode, output.text(), 'task');
        this.finish(line, exitCode);
      }
    };
    child.on('error', (error) => {
      output.append(`${error.message}\n`);
      end(127, `lsp-heal: cannot run ${words[0]}: ${error.message}\r\n`);
    });
    child.on('close', (code, signal) => {
      const exitCode = code ?? (signal ? 128 : 1);
      end(exitCode, `\r\n${commandLine} exited with ${exitCode}\r\n`);
    });
  }

  close(): void {
    this.kill?.();
  }

  private finish(line: string, exitCode: number): void {
    this.kill = undefined;
    this.writeEmitter.fire(line);
    this.closeEmitter.fire(exitCode);
  }
}

function folderOf(task: vscode.Task): string | undefined {
  const scope = task.scope;
  return typeof scope === 'object' ? scope.uri.fsPath : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function cwdOf(task: vscode.Task): string | undefined {
  const execution = task.execution;
  const cwd = execution instanceof vscode.ShellExecution || execution instanceof vscode.ProcessExecution
    ? execution.options?.cwd : undefined;
  return cwd ?? folderOf(task);
}

function commandLineOf(task: vscode.Task): string | undefined {
  const execution = task.execution;
  if (execution instanceof vscode.ShellExecution) {
    if (execution.commandLine) {
      return execution.commandLine;
    }
    const word = (w: string | vscode.ShellQuotedString) => (typeof w === 'string' ? w : w.value);
    return execution.command ? [word(execution.command), ...(execution.args ?? []).map(word)].join(' ') : undefined;
  }
  if (execution instanceof vscode.ProcessExecution) {
    return [execution.process, ...execution.args].join(' ');
  }
  return undefined;
}
