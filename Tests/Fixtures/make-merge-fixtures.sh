#!/usr/bin/env bash
# Re-creates the annexes the merge tests merge into one submission: three documents whose style
# names collide with each other and with the submission template ("Standard", "Text body",
# "Heading 1" defined differently, automatic styles P1/T1, the list style "Aufzählung", the
# bookmark "Ziel", the section "Abschnitt1", the frame "Bild1"). LibreOffice itself writes them
# from their flat sources, so the tests merge what real annexes look like.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 1 2 3; do
    soffice -env:UserInstallation="file://$work/profile" --headless --convert-to odt --outdir "$work" "$here/sources/merge-annex-$n.fodt" >/dev/null
    cp "$work/merge-annex-$n.odt" "$here/merge-annex-$n.odt"
done
echo "merge fixtures written to $here"
