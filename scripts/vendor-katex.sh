#!/usr/bin/env bash
# Copies KaTeX from its npm package into src/DailyPapers/wwwroot/vendor/katex/ (checked in, so the
# build needs no network and the site loads nothing from another origin):
#   scripts/vendor-katex.sh 0.19.1
# Only what the site uses is kept: katex.min.js, katex.min.css, the woff2 fonts and the licence.
# The stylesheet is rewritten so that each font is linked as fonts/NAME.woff2?v=HASH (the first 12
# hex digits of its SHA-256, as SiteAssets versions the site's own files): browsers may then keep
# the fonts for a year and still fetch new ones after an upgrade. The woff and ttf fallbacks go
# (every browser that runs KaTeX reads woff2). A test checks the result, so a hand-made upgrade
# that skips this script fails.
set -euo pipefail
version="${1:?usage: scripts/vendor-katex.sh VERSION}"
cd "$(dirname "$0")/.."
target=src/DailyPapers/wwwroot/vendor/katex
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

(cd "$scratch" && npm pack --silent "katex@$version" >/dev/null && tar xzf "katex-$version.tgz")
dist="$scratch/package/dist"
rm -rf "$target"
mkdir -p "$target/fonts"
cp "$dist/katex.min.js" "$target/"
cp "$dist"/fonts/*.woff2 "$target/fonts/"
cp "$scratch/package/LICENSE" "$target/LICENSE"
node - "$dist/katex.min.css" "$target" <<'JS'
const fs = require("fs");
const crypto = require("crypto");
const [css, target] = process.argv.slice(2);
const text = fs.readFileSync(css, "utf8").replace(
  /url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)(,url\(fonts\/[\w-]+\.woff\) format\("woff"\))?(,url\(fonts\/[\w-]+\.ttf\) format\("truetype"\))?/g,
  (_, name) => {
    const hash = crypto.createHash("sha256").update(fs.readFileSync(`${target}/fonts/${name}.woff2`)).digest("hex").slice(0, 12);
    return `url(fonts/${name}.woff2?v=${hash}) format("woff2")`;
  });
if (/\.(woff|ttf)\)/.test(text)) {
  throw new Error("katex.min.css still links a woff or ttf font: the rewrite missed a pattern");
}
fs.writeFileSync(`${target}/katex.min.css`, text);
JS
printf 'KaTeX %s, from its npm package by scripts/vendor-katex.sh (MIT licence: LICENSE).\n' "$version" > "$target/VERSION"
echo "vendored KaTeX $version into $target"
