#!/usr/bin/env bash
# One command for each everyday task, on a fresh machine as on a used one:
#   scripts/run.sh start   set up (Node 24, npm packages) and run an instance on SQLite
#   scripts/run.sh test    set up, then run every test (unit, HTTP, SMTP, browser)
#   scripts/run.sh <npm script> [args]   e.g. scripts/run.sh admin -- create-admin --email …
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node24.sh

# Install the npm packages when missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

task="${1:-start}"
shift || true
if [ "$task" = "test" ] && [ ! -x /usr/bin/chromium ]; then
  # The browser tests drive Debian's Chromium (no browser download at install time).
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    apt-get install -y chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
  else
    echo "The browser tests need Debian's Chromium: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi
if [ "$task" = "test" ] && ! command -v openssl >/dev/null; then
  # The federation tests make a throw-away CA with openssl at test time.
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    apt-get install -y openssl >/dev/null || { apt-get update >/dev/null && apt-get install -y openssl >/dev/null; }
  else
    echo "The federation tests need openssl: sudo apt-get install -y openssl" >&2
    exit 1
  fi
fi
if [ "$task" = "test" ] && ! command -v pdftoppm >/dev/null; then
  # The attestation tests render a PDF page with poppler's pdftoppm.
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    apt-get install -y poppler-utils >/dev/null || { apt-get update >/dev/null && apt-get install -y poppler-utils >/dev/null; }
  else
    echo "The attestation tests need poppler-utils: sudo apt-get install -y poppler-utils" >&2
    exit 1
  fi
fi
exec npm run "$task" "$@"
