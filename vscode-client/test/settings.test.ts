import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Getter, readSettings, resolveServerCommand, startFailureMessage } from '../src/settings';

const getter = (values: Record<string, unknown>): Getter =>
  (<T>(key: string, fallback: T) => (key in values ? values[key] : fallback) as T);

test('readSettings gives the defaults for an empty configuration', () => {
  assert.deepEqual(readSettings(getter({})), {
    serverCommand: [], watchTerminal: true, onlyMonitoredCommands: false,
    maxOutputChars: 200000, watchTasks: true, modalConfirmations: false,
  });
});

test('readSettings reads user values and repairs bad ones', () => {
  const settings = readSettings(getter({
    serverCommand: ['/v/bin/python', '', 7, '-m', 'lsp_heal', 'serve'],
    'terminal.watch': false, 'terminal.onlyMonitoredCommands': true,
    'output.maxChars': 10, 'tasks.watch': false, 'confirmations.modal': true,
  }));
  assert.deepEqual(settings.serverCommand, ['/v/bin/python', '-m', 'lsp_heal', 'serve']);
  assert.equal(settings.watchTerminal, false);
  assert.equal(settings.onlyMonitoredCommands, true);
  assert.equal(settings.maxOutputChars, 1000, 'raised to the minimum');
  assert.equal(settings.watchTasks, false);
  assert.equal(settings.modalConfirmations, true);
  assert.equal(readSettings(getter({ 'output.maxChars': 'lots' })).maxOutputChars, 200000);
  assert.deepEqual(readSettings(getter({ serverCommand: 'lsp-heal serve' })).serverCommand, []);
});

test('resolveServerCommand: setting, then the Python extension interpreter, then the PATH', () => {
  assert.deepEqual(resolveServerCommand(['/x/lsp-heal', 'serve'], '/v/bin/python'),
    { command: '/x/lsp-heal', args: ['serve'], origin: 'setting' });
  assert.deepEqual(resolveServerCommand([], '/v/bin/python'),
    { command: '/v/bin/python', args: ['-m', 'lsp_heal', 'serve'], origin: 'python-extension' });
  assert.deepEqual(resolveServerCommand([], undefined), { command: 'lsp-heal', args: ['serve'], origin: 'path' });
});

test('startFailureMessage names what was tried and where to fix it', () => {
  const fromPath = startFailureMessage(resolveServerCommand([], undefined), 'spawn lsp-heal ENOENT');
  assert.match(fromPath, /`lsp-heal serve`: spawn lsp-heal ENOENT/);
  assert.match(fromPath, /pip install lsp-heal/);
  const fromSetting = startFailureMessage(resolveServerCommand(['/nope'], undefined), 'ENOENT');
  assert.match(fromSetting, /Check the setting lspHeal\.serverCommand/);
});
