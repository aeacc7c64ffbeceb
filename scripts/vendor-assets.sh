#!/usr/bin/env bash
# Refreshes the vendored front-end assets from the npm registry (pinned in package-lock.json).
# Run it after changing a version in package.json, then commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --ignore-scripts
kern=node_modules/@kern-ux/native
dest=src/inklusiv/core/static/vendor/kern-ux
rm -rf "$dest"
mkdir -p "$dest/fonts"
cp "$kern/dist/kern.min.css" "$dest/"
cp -r "$kern/dist/fonts/fira-sans" "$kern/dist/fonts/fira-sans.css" "$dest/fonts/"
cp "$kern/LICENSE.md" "$dest/LICENSE.md"
# The npm package ships the fonts without their licence text; we keep it in scripts/licenses.
cp scripts/licenses/FiraSans-OFL.txt "$dest/fonts/OFL.txt"
printf '@kern-ux/native %s, EUPL-1.2, from the npm registry. Fonts: Fira Sans (SIL Open Font License 1.1).\n' \
  "$(node -p "require('./$kern/package.json').version")" > "$dest/VERSION"
axe=tests/browser/vendor
mkdir -p "$axe"
cp node_modules/axe-core/axe.min.js "$axe/axe.min.js"
cp node_modules/axe-core/LICENSE "$axe/axe-core.LICENSE"
printf 'axe-core %s, MPL-2.0, from the npm registry.\n' \
  "$(node -p "require('./node_modules/axe-core/package.json').version")" > "$axe/VERSION"
echo "Vendored KERN UX into $dest and axe-core into $axe."
