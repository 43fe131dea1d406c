"""install-package for what only the system can provide: C headers, libraries to link or
load, and commands → the Debian/Ubuntu package (`curl/curl.h` → libcurl4-openssl-dev).

These installs need root. The plan says so and shows the command; lsp_heal never runs sudo,
and the plan always needs the user's confirmation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lsp_heal.model import Action, Category, ErrorEvent, Plan
from lsp_heal.recover.context import Context
from lsp_heal.recover.names import maps, valid_name
from lsp_heal.recover.strategies import make_plan

_C_TOOLS = {"gcc", "g++", "clang", "clang++", "cc", "c++", "ld", "make", "cmake", "pip",
            "python"}
_SHARED = re.compile(r"lib([A-Za-z0-9_+-]+?)(?:-[0-9.]+)?\.so(?:\.\d+)*$")


def header_package(header: str) -> str | None:
    """The -dev package of a header, by exact name or by its folder (`boost/asio.hpp`)."""
    headers = maps()["headers"]
    if header in headers:
        return headers[header]
    parts = header.split("/")
    for end in range(len(parts) - 1, 0, -1):
        if (package := headers.get("/".join(parts[:end]) + "/")) is not None:
            return package
    return None


def system_package(event: ErrorEvent) -> str | None:
    subject = event.subject or ""
    data = maps()
    if subject.endswith((".h", ".hpp", ".hh", ".hxx")) or "/" in subject and "." not in subject:
        return header_package(subject)
    if "cannot find -l" in event.message:
        return data["libraries"].get(subject)
    if match := _SHARED.match(subject):
        return data["shared_libraries"].get(match[1])
    return None


def apt_plan(event: ErrorEvent, package: str, confidence: float, what: str) -> Iterator[Plan]:
    if not valid_name("debian", package):
        return
    yield make_plan(event, "install-package",
                    f"Install {package} ({what}) with apt: needs root "
                    f"(sudo apt-get install {package})", confidence,
                    Action("install", {"manager": "apt", "package": package,
                                       "needs_root": True}))


class SystemPackages:
    name = "install-system"
    config_name = "install"

    def plans(self, event: ErrorEvent, ctx: Context) -> Iterator[Plan]:
        if event.category not in (Category.DEPENDENCY, Category.BUILD):
            return
        if event.tool not in _C_TOOLS:
            return
        if package := system_package(event):
            yield from apt_plan(event, package, 0.8, f"provides {event.subject}")
