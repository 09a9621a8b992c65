#!/usr/bin/env bash
# `npm run cluster`: a Temporal cluster on PostgreSQL on this machine (scripts/cluster.ts), after
# installing what is missing: npm packages and the Temporal CLI (scripts/setup.sh), and the Temporal
# server and its schema tool, built once from the module version in cluster.env into
# .tools/temporal-server/bin (git ignores .tools/; a new version in cluster.env builds again).
# `bash scripts/cluster.sh --install` only installs (npm run test:cluster).
# Needs PostgreSQL 15 (apt-get install postgresql-15) and Go; the go command fetches the Go toolchain
# the server needs, and the modules, from the Go module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'cluster: %s\n' "$*" >&2; }

bash scripts/setup.sh

version="$(sed -n 's/^TEMPORAL_VERSION=//p' cluster.env)"
bin="$PWD/.tools/temporal-server/bin"
# The server's go.mod asks for a newer Go than this machine's; the go command fetches this one.
export GOTOOLCHAIN=go1.27.3

if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  say "PostgreSQL 15 is missing: apt-get install postgresql-15"
  exit 1
fi

built() { [ -x "$bin/server" ] && [ -x "$bin/sql" ] && "$bin/server" --version 2>/dev/null | grep -qF "$version"; }

if ! built; then
  if ! command -v go >/dev/null; then
    say "Go is missing: it builds the Temporal server once (apt-get install golang-go, or https://go.dev/dl/)"
    exit 1
  fi
  mkdir -p "$bin"
  log=.tools/temporal-server/build.log
  say "building the Temporal server $version and its schema tool into $bin (once; 10-15 minutes on two cores; log: $log)"
  started=$SECONDS
  : >"$log"
  # -v names each package as it is built: a line every 30 s shows the build moving.
  (
    trap 'kill "$tick" 2>/dev/null; exit 0' TERM
    while :; do
      sleep 30 &
      tick=$!
      wait "$tick"
      say "  $(grep -cv '^go: ' "$log") packages built, $((SECONDS - started)) s"
    done
  ) &
  progress=$!
  trap 'kill "$progress" 2>/dev/null || true' EXIT
  for cmd in server tools/sql; do
    if ! GOBIN="$bin" go install -v "go.temporal.io/server/cmd/$cmd@v$version" >>"$log" 2>&1 </dev/null; then
      tail -30 "$log" >&2
      say "building go.temporal.io/server/cmd/$cmd@v$version failed (the whole log: $log)"
      exit 1
    fi
  done
  kill "$progress" 2>/dev/null || true
  built || { say "the build did not produce a server of version $version in $bin"; exit 1; }
  say "built in $((SECONDS - started)) s"
fi

if [ "${1:-}" = "--install" ]; then
  say "ready: the Temporal server $version in $bin"
  exit 0
fi
exec node bin/run.js scripts/cluster.ts
