import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReport, FailureMemory } from '../src/report';

test('buildReport gives the contract shape with plain, capped output', () => {
  const output = 'noise\n'.repeat(1000) + "\x1b[31mModuleNotFoundError: No module named 'yaml'\x1b[0m\r\n";
  const report = buildReport('  python -c "import yaml"  ', '/w', 1, output, 'terminal', 1000);
  assert.deepEqual(Object.keys(report).sort(), ['command', 'cwd', 'exitCode', 'output', 'source']);
  assert.equal(report.command, 'python -c "import yaml"');
  assert.equal(report.cwd, '/w');
  assert.equal(report.exitCode, 1);
  assert.equal(report.source, 'terminal');
  assert.ok(report.output.endsWith("ModuleNotFoundError: No module named 'yaml'\n"));
  assert.ok(report.output.length < 1100);
});

test('buildReport sends an empty cwd when none is known', () => {
  assert.equal(buildReport('make', undefined, 2, '', 'task', 1000).cwd, '');
});

test('FailureMemory sends failures, and a success only after a failure of the same command', () => {
  const memory = new FailureMemory();
  assert.equal(memory.shouldSend('pytest', '/w', 0), false);
  assert.equal(memory.shouldSend('pytest', '/w', 1), true);
  assert.equal(memory.shouldSend('pytest', '/other', 0), false, 'another directory is another command');
  assert.equal(memory.shouldSend('pytest ', '/w', 0), true, 'the success clears the diagnostics');
  assert.equal(memory.shouldSend('pytest', '/w', 0), false, 'once');
});
