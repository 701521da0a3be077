#!/usr/bin/env bash
# The console's browser tests drive Debian's headless Chromium through its chromedriver (no driver download).
# Run by `mvn verify` before the integration tests: installs both when they are missing and this user may.
set -uo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "[tremplin] installing chromium and chromium-driver for the console's browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null && exit 0
fi
echo "[tremplin] chromium and chromedriver are missing and cannot be installed here: the browser tests will fail." \
     "Install the Debian packages chromium and chromium-driver." >&2
exit 0
