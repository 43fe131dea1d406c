"""Derive the popular-name lists that ship with lsp_heal (names only, no counts).

    python lsp_heal/data/build_name_lists.py [--pypi CSV] [--npm TSV]

- `pypi-top.txt`: the PEP 503-normalised names of ../shared/data/top-pypi-packages.csv (the
  15,000 most downloaded PyPI projects), most downloaded first. The planner uses it offline
  to check that a distribution exists and to refuse look-alikes of popular names.
- `npm-top.txt`: the 3,000 most downloaded npm packages of a `name<TAB>version<TAB>downloads`
  listing, most downloaded first, for the same look-alike check on npm names.

The package cannot read ../shared at run time (it is installed elsewhere), so the derived
lists are committed; rerun this script when the sources change.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
NPM_TOP = 3000


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pypi_names(csv_path: Path) -> list[str]:
    with csv_path.open(newline="") as stream:
        rows = sorted(csv.DictReader(stream), key=lambda r: -int(r["download_count"]))
    return list(dict.fromkeys(normalise(row["project"]) for row in rows))


def npm_names(tsv_path: Path) -> list[str]:
    rows = []
    with tsv_path.open(encoding="utf-8", errors="replace") as stream:
        next(stream)
        for line in stream:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[2].isdigit() and parts[0] == parts[0].lower():
                rows.append((int(parts[2]), parts[0]))
    rows.sort(reverse=True)
    return [name for _, name in rows[:NPM_TOP]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pypi", type=Path,
                        default=REPO.parent / "shared" / "data" / "top-pypi-packages.csv")
    parser.add_argument("--npm", type=Path, help="npm listing: name, version, monthly downloads")
    args = parser.parse_args()
    (HERE / "pypi-top.txt").write_text("\n".join(pypi_names(args.pypi)) + "\n")
    if args.npm:
        (HERE / "npm-top.txt").write_text("\n".join(npm_names(args.npm)) + "\n")


if __name__ == "__main__":
    main()
