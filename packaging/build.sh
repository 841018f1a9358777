#!/usr/bin/env bash
# Build the one-folder app bundle dist/translator-app/ with PyInstaller, then check it:
# the frozen app runs --self-test (load the model, translate, exit 0) and renders the
# screenshots offscreen.
#
#   pip install -e ".[bundle]"
#   packaging/build.sh [--model DIR] [--test-model DIR] [--no-check]
#
#   --model DIR       ship DIR as the bundled model (default: models/de-en when it exists)
#   --test-model DIR  use DIR for the checks when the bundle ships no model
#   --no-check        build only
#
# Slow (minutes) and large (torch): not part of CI. Environment: PYTHON (default python).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PYTHON=${PYTHON:-python}
CHECK=1
TEST_MODEL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --model) export TRANSLATOR_BUNDLE_MODEL="$(cd "$2" && pwd)"; shift 2 ;;
    --test-model) TEST_MODEL="$(cd "$2" && pwd)"; shift 2 ;;
    --no-check) CHECK=0; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  echo "build.sh: PyInstaller is missing: pip install -e '.[bundle]'" >&2
  exit 2
fi

DIST=dist/translator-app
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/translator-app.spec
end=$(date +%s)

echo
echo "== bundle"
echo "build time: $((end - start)) s"
echo "size: $(du -sh "$DIST" | cut -f1) ($(find "$DIST" -type f | wc -l) files)"
echo "largest parts:"
du -sh "$DIST"/_internal/* 2>/dev/null | sort -rh | head -8 | sed 's/^/  /'
[ -d "$DIST/_internal/torch/lib" ] && du -sh "$DIST"/_internal/torch/lib/* | sort -rh | head -4 | sed 's/^/  /'

[ "$CHECK" = 1 ] || exit 0

model_args=()
if [ ! -f "$DIST/_internal/models/de-en/config.json" ]; then
  if [ -z "$TEST_MODEL" ]; then
    echo "build.sh: the bundle ships no model; pass --test-model DIR to check it" >&2
    exit 1
  fi
  echo "note: the bundle ships no model; checking with --model $TEST_MODEL"
  model_args=(--model "$TEST_MODEL")
fi

echo
echo "== self-test"
TIMEFORMAT="self-test wall time: %R s"
time (cd /tmp && "$ROOT/$DIST/translator-app" --self-test ${model_args[@]+"${model_args[@]}"})

echo
echo "== screenshots (offscreen)"
shots=$(mktemp -d)
profile=$(mktemp -d)
TIMEFORMAT="screenshots wall time: %R s"
time (cd /tmp && QT_QPA_PLATFORM=offscreen TRANSLATOR_DATA_DIR="$profile" \
   "$ROOT/$DIST/translator-app" gui --screenshot "$shots" ${model_args[@]+"${model_args[@]}"})
count=$(find "$shots" -name '*.png' | wc -l)
echo "screenshots: $count PNG files in $shots"
[ "$count" -gt 0 ]
rm -rf "$profile"
echo "bundle OK: $DIST"
