#!/usr/bin/env bash
# Put NLM LHC-Forms (the `lforms` npm package) into tests/fixtures/lforms for the renderer test.
# Only the built files the page needs are kept; the package's own LICENSE.md goes with them.
# Needs npm and access to the npm registry; the test itself never downloads anything.
set -euo pipefail
VERSION="${LFORMS_VERSION:-40.1.3}"
HERE="$(cd "$(dirname "$0")" && pwd)"
DEST="$HERE/../../fixtures/lforms"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "lforms@$VERSION" >/dev/null && tar xzf "lforms-$VERSION.tgz")
P="$WORK/package/dist/lforms"
rm -rf "$DEST" && mkdir -p "$DEST"
cp "$P/webcomponent/lhc-forms.js" "$P/webcomponent/styles.css" "$P/webcomponent/assets/lib/zone.min.js" \
   "$P/fhir/R4/lformsFHIR.min.js" "$WORK/package/LICENSE.md" "$DEST/"
echo "$VERSION" > "$DEST/VERSION"
echo "LHC-Forms $VERSION installed in $DEST"
