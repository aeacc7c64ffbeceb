#!/usr/bin/env bash
# Makes sure the Debian packages the project needs are present: python3-venv always,
# plus chromium for the browser tests when called with --browser. Installs them when
# running as root; otherwise says exactly what to install.
set -euo pipefail
need=()
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
# WeasyPrint (PDF receipts and letters) renders with Pango.
/sbin/ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ "${1:-}" = "--browser" ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  need+=(chromium)
fi
# The HTML validity test runs the Nu Html Checker (npm package vnu-jar): npm installs it, Java runs it.
if [ "${1:-}" = "--browser" ] && ! command -v npm >/dev/null 2>&1; then
  need+=(npm)
fi
if [ "${1:-}" = "--browser" ] && ! command -v java >/dev/null 2>&1; then
  need+=(default-jre-headless)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Missing Debian packages: ${need[*]}" >&2
  echo "Install them with:  sudo apt-get install ${need[*]}" >&2
  echo "(The browser tests use Debian's Chromium at /usr/bin/chromium; set CHROMIUM_PATH for another one.)" >&2
  exit 1
fi
