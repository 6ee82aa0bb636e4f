#!/usr/bin/env bash
# The test setup's browser: test/preview/html.test.ts opens the preview's HTML page in Debian's Chromium.
# Installs the chromium package when it is missing and this user may (root with apt-get); otherwise says how.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser test (test/preview/html.test.ts)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null; }
  exit 0
fi
echo "the browser test needs Chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2
exit 1
