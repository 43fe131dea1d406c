"""Forms no fixture records (outputs recorded by hand, node 20 / vite 5.4): node:test's spec reporter."""

from tests.detect.conftest import first_reading

_NODE_TEST_SPEC = """\
✔ warms every key (1.312161ms)
✔ waits a little (100.149588ms)
ℹ Error: Test "warms every key" at test/cache.test.js:5:1 generated asynchronous activity after \
the test ended. This activity created the error "Error: warm-up failed for a" and would have caused \
the test to fail, but instead triggered an unhandledRejection event.
✖ /p/test/cache.test.js (288.080554ms)
  'test failed'

ℹ tests 3
ℹ pass 2
ℹ fail 1
"""


def test_node_test_spec_reporter_async_activity_after_the_test():
    assert first_reading(_NODE_TEST_SPEC, "node --test --test-reporter=spec test/") == (
        "test", "warms every key", ("test/cache.test.js", 5))
