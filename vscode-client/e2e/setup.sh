#!/usr/bin/env bash
# Install what the end-to-end test needs: Debian's chromium (and the libraries code-server
# builds against), code-server 4.100.3 (the last release on Node 20) and playwright-core.
# They go to vscode-client/.e2e/ (gitignored), so a rerun finds them and takes seconds.
# Nothing is downloaded from outside Debian's and npm's registries: code-server's ripgrep
# package is given Debian's `rg` instead of fetching its own binary.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cache="$here/.e2e"
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.52.0

missing=()
for tool in chromium rg; do command -v "$tool" >/dev/null || missing+=("$tool"); done
for header in /usr/include/krb5.h /usr/include/X11/extensions/XKBfile.h \
              /usr/include/libsecret-1/libsecret/secret.h; do
  [ -e "$header" ] || missing+=("$header")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "e2e setup: missing ${missing[*]}; run as root or: apt-get install -y libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep chromium" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep chromium >/dev/null
fi

mkdir -p "$cache"
if [ ! -x "$cache/node_modules/.bin/code-server" ] || [ ! -d "$cache/node_modules/playwright-core" ] \
   || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$cache/node_modules/code-server/package.json"; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/vscode-ripgrep-cache-1.15.11"
  tar czf "$tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" \
      -C "$(dirname "$(command -v rg)")" rg
  [ -f "$cache/package.json" ] || echo '{"name": "lsp-heal-e2e-tools", "private": true}' > "$cache/package.json"
  (cd "$cache" && TMPDIR="$tmp" npm_config_yes=true npm_config_unsafe_perm=true \
      npm install --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION")
fi
# its own config and data stay in the cache, never in $HOME
XDG_CONFIG_HOME="$cache/xdg-config" XDG_DATA_HOME="$cache/xdg-data" \
  "$cache/node_modules/.bin/code-server" --version | tail -1
