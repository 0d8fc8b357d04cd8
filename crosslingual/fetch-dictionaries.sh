#!/usr/bin/env bash
# Fetches the FreeDict bilingual dictionaries into English from the package registry that
# publishes them: Debian's `dict-freedict-XXX-eng` packages (bookworm). Nothing goes into
# the repository: the dictionaries are share-alike (GPL, CC BY-SA), read at run time.
#
#   crosslingual/fetch-dictionaries.sh [DIR]     (default: target/dictionaries at the
#                                                 repository root)
#
# Writes DIR/freedict-XXX-eng.index and .dict.dz (the dictd files, as the packages
# install them in /usr/share/dictd/) and DIR/freedict-XXX-eng.copyright (the package's
# licence), and prints DIR's absolute path, to give as CLEARINGHOUSE_DICTIONARIES or
# `[multilingual] dictionaries`. Needs apt-get and dpkg-deb (no root: `apt-get download`
# writes the .deb into the working directory). A pair already in DIR is not fetched
# again; a package the archive does not have is skipped with a warning.
#
# The pairs: every EU language that has a dictionary into English in bookworm (Bulgarian,
# Estonian, Latvian, Maltese and Romanian have none). Some are small word lists (Swedish,
# Italian, Danish): the bridge weighs a translation by how much of the text its
# dictionary covers, so a small one counts little. DICTIONARY_PAIRS overrides the list
# (e.g. DICTIONARY_PAIRS="fin deu").
set -euo pipefail
dir="${1:-$(cd "$(dirname "$0")/.." && pwd)/target/dictionaries}"
pairs="${DICTIONARY_PAIRS:-ces dan deu ell fin fra gle hrv hun ita lit nld pol por slk slv spa swe}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
work=""
cleanup() { [ -z "$work" ] || rm -rf "$work"; }
trap cleanup EXIT
for lang in $pairs; do
    name="freedict-$lang-eng"
    if [ -s "$dir/$name.index" ] && [ -s "$dir/$name.dict.dz" ]; then
        continue
    fi
    if [ -z "$work" ]; then
        work="$(mktemp -d)"
    fi
    package="dict-$name"
    if ! (cd "$work" && apt-get download -q "$package" >/dev/null 2>"$work/apt.log"); then
        # The package lists may be missing or stale on a fresh machine: update once.
        if [ ! -e "$work/updated" ]; then
            touch "$work/updated"
            apt-get update -qq >/dev/null 2>&1 || true
        fi
        if ! (cd "$work" && apt-get download -q "$package" >/dev/null 2>"$work/apt.log"); then
            echo "fetch-dictionaries: $package cannot be downloaded, skipped: $(tail -1 "$work/apt.log")" >&2
            continue
        fi
    fi
    deb="$(ls "$work"/"${package}"_*.deb)"
    rm -rf "$work/x"
    dpkg-deb -x "$deb" "$work/x"
    for file in "$name.index" "$name.dict.dz"; do
        test -s "$work/x/usr/share/dictd/$file" || {
            echo "fetch-dictionaries: $deb has no usr/share/dictd/$file" >&2
            exit 1
        }
    done
    cp "$work/x/usr/share/doc/$package/copyright" "$dir/$name.copyright.tmp"
    mv "$dir/$name.copyright.tmp" "$dir/$name.copyright"
    # The index last: a pair counts as fetched once its index is there.
    cp "$work/x/usr/share/dictd/$name.dict.dz" "$dir/$name.dict.dz.tmp"
    mv "$dir/$name.dict.dz.tmp" "$dir/$name.dict.dz"
    cp "$work/x/usr/share/dictd/$name.index" "$dir/$name.index.tmp"
    mv "$dir/$name.index.tmp" "$dir/$name.index"
    rm -f "$deb"
done
echo "$dir"
