import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { historyItems, lastHealing, rollbackMessage, when } from '../src/history';
import { needsTrust, present, TRUST_BUTTON } from '../src/prompts';

const offer = { type: 1, message: "`python -c 'import yaml'` failed", actions: [{ title: 'Install PyYAML with pip' }] };

test('present: a notification by default, a modal when the setting says so', () => {
  assert.deepEqual(present(offer, false, true), {
    kind: 'error', message: offer.message, modal: false, buttons: ['Install PyYAML with pip'], refused: false,
  });
  assert.equal(present(offer, true, true).modal, true);
  assert.equal(present({ type: 3, message: 'hi' }, true, true).modal, false, 'nothing to choose: no modal');
});

test('present: an untrusted workspace gets no install button and the server gets no', () => {
  const shown = present(offer, true, false);
  assert.deepEqual(shown.buttons, [TRUST_BUTTON]);
  assert.equal(shown.refused, true);
  assert.equal(shown.modal, false);
  assert.match(shown.message, /not trusted/);
});

test('needsTrust: installs and commands need trust, edits do not', () => {
  assert.equal(needsTrust('lspHeal.install', [{ manager: 'pip', package: 'PyYAML' }]), true);
  assert.equal(needsTrust('lspHeal.runCommand', [{ command: 'make' }]), true);
  assert.equal(needsTrust('lspHeal.applyPlan', [{ actions: [{ kind: 'edit' }] }]), false);
  assert.equal(needsTrust('lspHeal.applyPlan', [{ actions: [{ kind: 'edit' }, { kind: 'install' }] }]), true);
  assert.equal(needsTrust('lspHeal.applyPlan', [{}]), true, 'a plan we cannot read is not assumed safe');
  assert.equal(needsTrust('lspHeal.history', []), false);
});

const entries = [
  { id: 'a1', started: 1000, state: 'applied', outcome: 'fixed', title: 'Install PyYAML with pip',
    command: 'python -c "import yaml"', detail: '' },
  { id: 'b2', started: 100, state: 'rolled_back', outcome: null, title: 'Repair the syntax', command: null, detail: 'by the user' },
];

test('historyItems: only applied entries can be rolled back', () => {
  const items = historyItems(entries, 1090);
  assert.deepEqual(items.map((i) => [i.id, i.canRollBack]), [['a1', true], ['b2', false]]);
  assert.equal(items[0].description, 'applied (fixed) · 1m ago');
  assert.equal(items[0].detail, 'after `python -c "import yaml"` — a1');
  assert.equal(items[1].description, 'rolled back · 16m ago');
  assert.equal(lastHealing(entries, 1030), 'Install PyYAML with pip, applied 30s ago');
  assert.equal(lastHealing([]), undefined);
  assert.equal(when(0, 3 * 86400), '3d ago');
});

test('rollbackMessage says what was restored or what is in the way', () => {
  assert.equal(rollbackMessage({ id: 'a1', restored: true, detail: '', conflicts: [] }), 'lsp-heal: rolled back a1.');
  assert.equal(rollbackMessage({ id: 'a1', restored: false, detail: 'a file changed since',
    conflicts: [{ path: 'app.py', reason: 'modified after the fix' }] }),
  'lsp-heal: a1 not rolled back: a file changed since — app.py (modified after the fix)');
});
