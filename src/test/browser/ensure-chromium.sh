#!/usr/bin/env bash
# The console's browser tests drive Debian's headless Chromium through its chromedriver (no driver download), in
# chromium-headless-shell when it is installed (the same engine without the browser's UI layer: about a quarter less
# CPU), else in chromium's own headless mode.
# Run by `mvn verify` before the integration tests: installs the three when they are missing and this user may.
set -uo pipefail
have() { command -v "$1" >/dev/null 2>&1; }
if have chromium && have chromedriver && have chromium-headless-shell; then
  exit 0
fi
if have apt-get && [ "$(id -u)" = "0" ]; then
  echo "[tremplin] installing chromium, chromium-driver and chromium-headless-shell for the console's browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium chromium-driver chromium-headless-shell >/dev/null && exit 0
fi
if have chromium && have chromedriver; then
  exit 0  # chromium's own headless mode, without the headless shell
fi
echo "[tremplin] chromium and chromedriver are missing and cannot be installed here: the browser tests will fail." \
     "Install the Debian packages chromium and chromium-driver (and chromium-headless-shell)." >&2
exit 0
