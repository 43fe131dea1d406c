"""install-package for Go: a module the build cannot find → `go get` it (then go.mod and
go.sum record it); a go.sum without the module's entry → `go mod tidy`.

A package of the standard library that "is not in GOROOT" is a Go too old for it: that is
a version mismatch for the configuration strategy, not an install.
"""

from __future__ import annotations

from collections.abc import Iterator

from lsp_heal.model import Action, Category, ErrorEvent, Plan
from lsp_heal.recover.context import Context
from lsp_heal.recover.names import valid_name
from lsp_heal.recover.strategies import make_plan


class GoModules:
    name = "install-go"
    config_name = "install"

    def plans(self, event: ErrorEvent, ctx: Context) -> Iterator[Plan]:
        if event.category is not Category.DEPENDENCY or event.tool != "go":
            return
        module = event.subject or ""
        if "not in GOROOT" in event.message or not valid_name("go", module):
            return
        gomod = ctx.find("go.mod")
        folder = gomod.parent if gomod else ctx.cwd
        record = [f for f in ("go.mod", "go.sum") if (folder / f).exists()]
        if "missing go.sum entry" in event.message:
            yield make_plan(event, "install-package", "Update go.sum with go mod tidy", 0.85,
                            Action("run", {"command": ["go", "mod", "tidy"], "cwd": str(folder)}))
            return
        yield make_plan(event, "install-package", f"Add {module} with go get", 0.85,
                        Action("install", {"manager": "go", "package": module,
                                           "cwd": str(folder), "record": record}))
