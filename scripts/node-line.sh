#!/usr/bin/env bash
# Prints the folder of a `node` of the given major line (22, 24, 26): the
# machine's own if it is of that line, else the newest of that line from the
# npm registry (the node-<platform>-<arch> package), unpacked once under
# node_modules/.cache and kept there.
set -euo pipefail
line=${1:?usage: scripts/node-line.sh MAJOR}
root=$(cd "$(dirname "$0")/.." && pwd)

if own=$(command -v node 2>/dev/null) && [ "$("$own" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" = "$line" ]; then
  dirname "$own"
  exit 0
fi

cache="$root/node_modules/.cache/node-$line"
if [ ! -x "$cache/bin/node" ]; then
  platform=$(node -p 'process.platform + "-" + process.arch')
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "node-$platform@$line" >/dev/null)
  mkdir -p "$cache"
  tar -xzf "$work"/node-*.tgz -C "$cache" --strip-components=1
fi
echo "$cache/bin"
