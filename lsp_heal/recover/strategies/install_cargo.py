"""install-package for Rust: `use rand::...` without the crate → `cargo add rand`.

Only rustc's unresolved-import errors (E0432, E0433) name a crate to add; a name that is a
module of the crate itself (src/<name>.rs, src/<name>/) or a built-in path root is not one.
Cargo's own resolution errors (no matching package, registry unreachable) get no plan.
"""

from __future__ import annotations

from collections.abc import Iterator

from lsp_heal.model import Action, Category, ErrorEvent, Plan
from lsp_heal.recover.context import Context
from lsp_heal.recover.names import valid_name
from lsp_heal.recover.strategies import make_plan

_ROOTS = {"std", "core", "alloc", "crate", "self", "super", "proc_macro", "test"}


class CargoCrates:
    name = "install-cargo"
    config_name = "install"

    def plans(self, event: ErrorEvent, ctx: Context) -> Iterator[Plan]:
        if event.category is not Category.DEPENDENCY or event.tool not in ("cargo", "rustc"):
            return
        if event.details.get("code") not in ("E0432", "E0433"):
            return
        crate = (event.subject or "").split("::")[0]
        if crate in _ROOTS or not valid_name("crates", crate):
            return
        manifest = ctx.find("Cargo.toml")
        folder = manifest.parent if manifest else ctx.cwd
        if (folder / "src" / f"{crate}.rs").exists() or (folder / "src" / crate).is_dir():
            return
        record = [f for f in ("Cargo.toml", "Cargo.lock") if (folder / f).exists()]
        yield make_plan(event, "install-package", f"Add the {crate} crate with cargo add", 0.85,
                        Action("install", {"manager": "cargo", "package": crate,
                                           "cwd": str(folder), "record": record}))
