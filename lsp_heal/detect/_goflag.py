"""Go's flag package: the sentences it prints when it refuses a command line.

Shared because every Go program prints them in the same words: the go command and a test
binary (read by the go family) and terraform (under `Error: Failed to parse command-line
flags`, or bare above its help, read by the terraform family). One reading keeps the two
families from disagreeing on which flag a sentence names. Not a family: it has no `parse`.

The sentences (flag.FlagSet.failf), the flag always as the user typed it, `=value` cut off:
`flag provided but not defined: -x`, `flag needs an argument: -x`,
`invalid value "v" for flag -x: <why>`, `invalid boolean value "v" for -x: <why>`
(the value is quoted with Go's %q, so it may hold escaped quotes).
"""

from __future__ import annotations

from lsp_heal.detect._regex import lazy_re

# the literals that find the lines (fixed words of the package, none generic)
NEEDLES = ("flag provided but not defined: ", "flag needs an argument: ", " for flag -",
           'invalid boolean value "')

# optionally after the go command's own prefix (`go: `, `go test: `)
_FLAG_ERROR = lazy_re(r'(?:go(?: \w+)?: )?(?:flag provided but not defined: (?P<a>-\S+)'
                      r'|invalid (?:boolean )?value "(?:[^"\\]|\\.)*" for (?:flag )?(?P<b>-[^\s:]+):'
                      r"|flag needs an argument: (?P<c>-\S+))")


def named_flag(text: str, *, anywhere: bool = False) -> str | None:
    """The flag one of the package's sentences names: the sentence starts `text` (a line),
    or, with `anywhere`, it is somewhere in it (a diagnostic's body); else None."""
    m = _FLAG_ERROR.search(text) if anywhere else _FLAG_ERROR.match(text)
    return (m["a"] or m["b"] or m["c"]) if m else None
