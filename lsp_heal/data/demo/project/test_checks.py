"""Two failing tests: one flaky (fails on its first run only), one broken (always fails)."""

import pathlib
import unittest

RUNS = pathlib.Path(__file__).with_name(".flaky-runs")


class Checks(unittest.TestCase):
    def test_cache_warm(self):
        """Flaky: depends on a cache that its first run only warms up."""
        runs = int(RUNS.read_text()) if RUNS.exists() else 0
        RUNS.write_text(str(runs + 1))
        self.assertGreater(runs, 0, "cache was cold")

    def test_total(self):
        """Broken: the expected total is wrong, every time."""
        self.assertEqual(sum([1, 2, 3]), 7)


if __name__ == "__main__":
    unittest.main()
