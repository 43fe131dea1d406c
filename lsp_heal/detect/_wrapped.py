"""Which tool a command runs, also when a shell runs it (not a family: no `parse` here).

A CI step often hands the real command to a shell, `bash -c 'set -o pipefail; kubectl apply
-f k8s/ | ts'`, so `Output.tool` is `bash`. The families whose messages are only theirs when
their tool runs (kubectl, terraform, aws, docker, ...) then look for the tool's name as a
word of the command line.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import Output

SHELLS = frozenset({"bash", "sh", "dash", "zsh", "ksh", "ash"})


@cache
def _word(tools: frozenset[str]) -> re.Pattern[str]:
    # longest first: `docker-compose` before `docker`; a word ends at a space, a quote or the end
    names = "|".join(re.escape(t) for t in sorted(tools, key=len, reverse=True))
    return lazy_re(rf"(?:^|[\s;&|(`'\"/])(?P<tool>{names})(?=[\s'\";&|)`]|$)")


def tool_run(out: Output, tools: Collection[str]) -> str | None:
    """The one of `tools` the command runs: `out.tool` itself, or the first of them named as a
    word of a command line a shell runs (`bash -c '... docker-compose up ...'`)."""
    if out.tool in tools:
        return out.tool
    if out.tool in SHELLS and out.command:
        if m := _word(frozenset(tools)).search(out.command):
            return m["tool"]
    return None
