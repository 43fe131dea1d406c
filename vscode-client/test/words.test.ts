import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMonitored, monitoredCommands } from '../src/monitoring';
import { splitWords } from '../src/words';

test('splitWords reads quotes and escapes like a shell, without expanding anything', () => {
  assert.deepEqual(splitWords(`python -c "import yaml; print('x')"  'a b' c\\ d $HOME`),
    ['python', '-c', "import yaml; print('x')", 'a b', 'c d', '$HOME']);
  assert.deepEqual(splitWords('echo ""'), ['echo', '']);
  assert.deepEqual(splitWords('a "b\\"c"'), ['a', 'b"c']);
  assert.equal(splitWords('echo "open'), undefined);
  assert.deepEqual(splitWords('   '), []);
});

test('monitoredCommands reads the hooks config and tolerates broken ones', () => {
  assert.deepEqual(monitoredCommands('{"monitoring": {"commands": ["npm", 3, "jest"]}}'), ['npm', 'jest']);
  assert.deepEqual(monitoredCommands('{"monitoring": {"commands": "npm"}}'), []);
  assert.deepEqual(monitoredCommands('{not json'), []);
  assert.deepEqual(monitoredCommands(undefined), []);
});

test('isMonitored matches any word by its last path part; an empty list matches all', () => {
  assert.equal(isMonitored('python -c "import yaml"', []), true);
  assert.equal(isMonitored('npx jest --ci', ['jest']), true);
  assert.equal(isMonitored('/usr/bin/node app.js', ['node']), true);
  assert.equal(isMonitored('python -c "import yaml"', ['npm', 'node']), false);
  assert.equal(isMonitored('nodemon app.js', ['node']), false);
});
