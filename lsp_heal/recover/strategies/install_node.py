"""install-package for JavaScript/TypeScript: the npm package a `require`/`import` needs,
with the project's manager (npm, yarn or pnpm by its lockfile).

`lodash/fp` needs `lodash`, `@scope/pkg/sub` needs `@scope/pkg`; relative paths and Node's
built-ins are not packages. Type packages and test/build tools go in as dev dependencies.
Errors printed by the package manager itself (a 404, no matching version) are not fixed by
installing the same name again: they get no plan here.
"""

from __future__ import annotations

from collections.abc import Iterator

from lsp_heal.model import Action, Category, ErrorEvent, Plan
from lsp_heal.recover.context import Context
from lsp_heal.recover.names import is_popular, lookalike_of, maps, valid_npm_name
from lsp_heal.recover.strategies import make_plan

STRATEGY = "install-package"
_MANAGER_TOOLS = {"npm", "yarn", "pnpm"}
_TEST_TOOLS = {"jest", "mocha", "vitest", "node:test"}
_BUILTINS = frozenset(
    "assert async_hooks buffer child_process cluster console constants crypto dgram dns domain "
    "events fs http http2 https inspector module net os path perf_hooks process punycode "
    "querystring readline repl stream string_decoder sys timers tls trace_events tty url util "
    "v8 vm wasi worker_threads zlib test".split())
_RECORDS = {"npm": ("package.json", "package-lock.json"), "yarn": ("package.json", "yarn.lock"),
            "pnpm": ("package.json", "pnpm-lock.yaml")}


def package_of(specifier: str) -> str | None:
    """The package a module specifier names (None: relative, absolute or built-in)."""
    if not specifier or specifier.startswith((".", "/", "node:", "#")):
        return None
    parts = specifier.split("/")
    name = "/".join(parts[:2]) if specifier.startswith("@") else parts[0]
    return None if name in _BUILTINS else name


def is_dev_package(name: str, event: ErrorEvent) -> bool:
    data = maps()
    return (event.tool in _TEST_TOOLS or event.tool == "tsc" and name.startswith("@types/")
            or name in data["node_dev"] or name.startswith(tuple(data["node_dev_prefixes"])))


class NodePackages:
    """Missing npm packages seen by node, bundlers, test runners and tsc."""

    name = "install-node"
    config_name = "install"

    def plans(self, event: ErrorEvent, ctx: Context) -> Iterator[Plan]:
        if event.category is not Category.DEPENDENCY or event.tool in _MANAGER_TOOLS:
            return
        if event.details.get("code") == "ENOENT" or event.tool not in _NODE_TOOLS:
            return
        name = package_of(event.subject or "")
        if name is None or not valid_npm_name(name) or lookalike_of("npm", name):
            return
        confidence = 0.9 if is_popular("npm", name) or name.startswith("@types/") else 0.6
        yield from node_install_plans(event, ctx, name, confidence, is_dev_package(name, event))


_NODE_TOOLS = {"node", "tsc", "jest", "mocha", "vitest", "node:test", "webpack", "vite",
               "esbuild", "rollup", "parcel"}


def node_install_plans(event: ErrorEvent, ctx: Context, name: str, confidence: float,
                       dev: bool) -> Iterator[Plan]:
    manager = ctx.node_manager
    manifest = ctx.find("package.json")
    folder = manifest.parent if manifest else ctx.cwd
    record = [f for f in _RECORDS[manager] if (folder / f).exists()]
    kind = " as a dev dependency" if dev else ""
    yield make_plan(event, STRATEGY, f"Add {name} with {manager}{kind}", confidence,
                    Action("install", {"manager": manager, "package": name, "cwd": str(folder),
                                       "dev": dev, "record": record}))
