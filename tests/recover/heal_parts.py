"""Real parts for the recovery tests: wheels built by pip, venvs, npm tarballs, workspaces.

Nothing here touches the network: wheels are built from a package source written in a temp
dir (by the demo's wheel builder: `pip wheel` would need the `wheel` package), installs use `--no-index --find-links` (through PIP_NO_INDEX/PIP_FIND_LINKS,
the way a user's pip config would say it), npm tarballs come from `npm pack`.
"""

from __future__ import annotations

import json
import os
import subprocess
import venv
from pathlib import Path

import pytest

from lsp_heal.demo import build_wheel as demo_wheel
from lsp_heal.recover.context import Context


def build_wheel(where: Path, name: str, version: str = "1.0",
                code: str = "VALUE = 42\n") -> Path:
    """A wheel of a one-module distribution `name` (module: name with '_'), in where/wheels."""
    module = where / f"src-{name}" / name.replace("-", "_")
    module.mkdir(parents=True)
    (module / "__init__.py").write_text(code)
    wheels = where / "wheels"
    demo_wheel(module, name, version, wheels)
    return wheels


def make_venv(where: Path) -> Path:
    """A real virtual environment with pip; its python."""
    venv.EnvBuilder(with_pip=True).create(where)
    return where / "bin" / "python"


def offline_env(wheels: Path, **extra: str) -> dict[str, str]:
    """The environment of a pip that installs only from `wheels`."""
    return {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra}


def workspace(root: Path, command: str | None = None,
              env: dict[str, str] | None = None) -> Context:
    """A Context on a real folder; its interpreter is root/.venv when there is one."""
    root.mkdir(parents=True, exist_ok=True)
    return Context.for_workspace(root, command=command, env=env)


@pytest.fixture(name="isolated_home", autouse=True)
def isolated_home_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Journal, trust list and learner of this test only (import it into a test module)."""
    home = tmp_path / "lsp-heal-home"
    monkeypatch.setenv("LSP_HEAL_HOME", str(home))
    return home


def installed(python: Path, distribution: str) -> str | None:
    """The installed version of a distribution in that interpreter, None if absent."""
    probe = subprocess.run(  # noqa: PLW1510 - the status is the answer
        [str(python), "-c", "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))",
         distribution], capture_output=True, text=True)
    return probe.stdout.strip() if probe.returncode == 0 else None


def npm_tarball(where: Path, name: str, version: str = "1.0.0") -> Path:
    """A package tarball made by `npm pack` from a one-file package source."""
    source = where / f"npm-src-{name}"
    source.mkdir(parents=True)
    (source / "package.json").write_text(json.dumps(
        {"name": name, "version": version, "main": "index.js"}))
    (source / "index.js").write_text("module.exports = 42;\n")
    out = subprocess.run(["npm", "pack", "--pack-destination", str(where)], cwd=source,
                         check=True, capture_output=True, text=True)
    return where / out.stdout.strip().splitlines()[-1]


class NpmRegistry:
    """A one-package npm registry on 127.0.0.1 serving a tarball made by `npm pack`."""

    def __init__(self, tarball: Path, name: str, version: str = "1.0.0") -> None:
        import base64
        import hashlib
        import http.server
        import threading

        data = tarball.read_bytes()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        integrity = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        self.files = {
            f"/{name}": json.dumps({
                "name": name, "dist-tags": {"latest": version},
                "versions": {version: {"name": name, "version": version, "dist": {
                    "tarball": f"{self.url}{name}/-/{tarball.name}", "integrity": integrity,
                    "shasum": hashlib.sha1(data).hexdigest()}}},
            }).encode(),
            f"/{name}/-/{tarball.name}": data,
        }
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self):
        import http.server

        registry = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = registry.files.get(self.path.split("?")[0])
                self.send_response(200 if body else 404)
                self.end_headers()
                self.wfile.write(body or b"{}")

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def close(self) -> None:
        self.server.shutdown()
