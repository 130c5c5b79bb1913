#!/usr/bin/env bash
# Re-creates the LibreOffice-made fixtures from their flat sources: LibreOffice itself writes them,
# so the tests read what real templates look like after a save in LibreOffice.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to odt --outdir "$work" "$here/sources/split-markers.fodt" >/dev/null
cp "$work/split-markers.odt" "$here/split-markers.odt"
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to odt --outdir "$work" "$here/sources/language.fodt" >/dev/null
cp "$work/language.odt" "$here/language.odt"
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to odt --outdir "$work" "$here/../../templates/sitzungsvorlage.fodt" >/dev/null
cp "$work/sitzungsvorlage.odt" "$here/libreoffice-letter.odt"
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to ott --outdir "$work" "$here/../../templates/sitzungsvorlage.fodt" >/dev/null
cp "$work/sitzungsvorlage.ott" "$here/libreoffice-letter.ott"
echo "fixtures written to $here"
