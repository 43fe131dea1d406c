import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { capTail, plainText, TailBuffer } from '../src/capture';

test('plainText removes colours, titles and shell-integration marks', () => {
  const raw = '\x1b]633;C\x07\x1b[31mModuleNotFoundError\x1b[0m: No module named \'yaml\'\r\n\x1b]0;title\x1b\\done\r';
  assert.equal(plainText(raw), "ModuleNotFoundError: No module named 'yaml'\ndone\n");
});

test('capTail keeps short output whole', () => {
  assert.equal(capTail('a\nb\n', 10), 'a\nb\n');
});

test('capTail keeps the tail from a line start and says how much was cut', () => {
  const text = 'x'.repeat(50) + '\nTraceback\nKeyError: 1\n';
  const capped = capTail(text, 30);
  assert.ok(capped.endsWith('Traceback\nKeyError: 1\n'));
  assert.ok(!capped.includes('xxx'), 'the partial first line is dropped');
  assert.match(capped, /^\[lsp-heal: 51 earlier characters not sent\]\n/);
});

test('capTail cuts mid-line when the tail is one long line', () => {
  const capped = capTail('y'.repeat(100), 10);
  assert.ok(capped.endsWith('y'.repeat(10)));
  assert.match(capped, /90 earlier/);
});

test('TailBuffer bounds its memory and keeps the last lines of a flood', () => {
  const buffer = new TailBuffer(1000);
  for (let i = 0; i < 10000; i++) {
    buffer.append(`line ${i}\n`);
  }
  const text = buffer.text();
  assert.ok(text.endsWith('line 9999\n'));
  assert.ok(text.length <= 1000 + 60);
  assert.ok(!text.includes('line 5000\n'));
  const dropped = Number(/\[lsp-heal: (\d+) earlier/.exec(text)?.[1]);
  assert.equal(dropped + text.length - text.indexOf('\n') - 1, Array.from({ length: 10000 }, (_, i) => `line ${i}\n`).join('').length);
});

test('TailBuffer joins chunks that split an escape sequence', () => {
  const buffer = new TailBuffer(1000);
  buffer.append('\x1b[3');
  buffer.append('1mError\x1b[0m\n');
  assert.equal(buffer.text(), 'Error\n');
});
