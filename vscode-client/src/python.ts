/**
 * The Python extension's selected interpreter, when it has lsp_heal installed: the default
 * way to start the server, so that it runs in the project's own environment.
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

const HAS_LSP_HEAL = 'import importlib.util, sys; sys.exit(importlib.util.find_spec("lsp_heal") is None)';

interface PythonApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string } | undefined;
    resolveEnvironment(env: { path: string }): Promise<{ executable?: { uri?: vscode.Uri } } | undefined>;
  };
}

export async function interpreterWithLspHeal(resource?: vscode.Uri): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension<PythonApi>('ms-python.python');
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    const active = api.environments?.getActiveEnvironmentPath(resource);
    if (!active) {
      return undefined;
    }
    const resolved = await api.environments?.resolveEnvironment(active);
    const python = resolved?.executable?.uri?.fsPath ?? active.path;
    return (await hasLspHeal(python)) ? python : undefined;
  } catch {
    return undefined; // an older Python extension without this API: fall back to the PATH
  }
}

function hasLspHeal(python: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(python, ['-c', HAS_LSP_HEAL], { timeout: 15000 }, (error) => resolve(!error));
  });
}
