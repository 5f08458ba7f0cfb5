#!/usr/bin/env bash
# Throughput of `cardscan batch --jobs N` against plain Tesseract run over the
# same folder with the same parallelism (`xargs -P N tesseract IMAGE out`,
# OMP_THREAD_LIMIT=1 for both), on
#   clean:  scan-like cards (fixtures/clean/*.png, 1050x600, 300 dpi)
#   photo:  12 MP phone photos (fixtures/photo/*.jpg upscaled to 4032x3024,
#           portrait ones to 3024x4032)
# then the peak RSS of one `cardscan batch` over a 1000-image folder.
# A benchmark, not a test: it prints a table (cards/s, ratio, peak RSS).
#
# Usage: scripts/bench-batch.sh
# Environment: JOBS="1 2 4" SETS="clean photo" PHOTOS=12 BIG=1000 (BIG=0 skips
# the RSS run) CLEAN=1 (copies of the 30 clean fixtures: more copies measure
# the steady state of a large folder, where starting the engines and loading
# the phone-number metadata once per run no longer count) REPEAT=3 (each
# measurement is run this many times, the three commands taking turns, and
# the run with the median wall time is shown: on a shared 2-core VM single
# runs drift by ±10 %).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${JOBS:-1 2 4}"
PHOTOS="${PHOTOS:-12}"
CLEAN="${CLEAN:-1}"
BIG="${BIG:-1000}"
REPEAT="${REPEAT:-3}"
SETS="${SETS:-clean photo}"
export OMP_THREAD_LIMIT=1

cargo build --release --quiet
BIN="$PWD/target/release/cardscan"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- inputs -----------------------------------------------------------------
mkdir -p "$work/clean" "$work/photo" "$work/big"
for c in $(seq 1 "$CLEAN"); do
    for f in fixtures/clean/*.png; do cp "$f" "$work/clean/$c-$(basename "$f")"; done
done
python3 - "$PHOTOS" "$work/photo" fixtures/photo/*.jpg <<'PY'
import sys
from PIL import Image
n, out, files = int(sys.argv[1]), sys.argv[2], sorted(sys.argv[3:])
for i in range(n):
    src = files[i % len(files)]
    img = Image.open(src).convert("RGB")
    # 12 MP in the photo's own orientation: a portrait photo stretched to
    # landscape would squash its card into a shape no camera makes.
    size = (4032, 3024) if img.width >= img.height else (3024, 4032)
    img = img.resize(size, Image.LANCZOS)
    img.save(f"{out}/IMG_{i:04d}.jpg", quality=90)
PY
if [ "$BIG" -gt 0 ]; then
    i=0
    while [ "$i" -lt "$BIG" ]; do
        for f in fixtures/clean/*.png; do
            [ "$i" -lt "$BIG" ] || break
            cp "$f" "$work/big/card-$(printf %04d "$i").png"
            i=$((i + 1))
        done
    done
fi

# --- measuring --------------------------------------------------------------
# time_it OUTFILE CMD...: runs CMD, leaves "WALL_S PEAK_KB USER_S SYS_S" in
# OUTFILE (CPU time counts the waited-for children: xargs' tesseracts too).
time_it() {
    local out="$1"
    shift
    /usr/bin/time -f "%e %M %U %S" -o "$out" "$@" >/dev/null 2>"$work/stderr" || {
        echo "failed: $*" >&2
        cat "$work/stderr" >&2
    }
}

mkdir -p "$work/tess-out"
tess_dir() { # DIR JOBS: every image through the tesseract CLI, N at a time
    time_it "$work/t-tess" sh -c 'find "$1" -type f | sort | xargs -P "$2" -I{} \
        sh -c "tesseract \"\$0\" \"$3/\$(basename \"\$0\")\" >/dev/null 2>&1" {}' \
        _ "$1" "$2" "$work/tess-out"
}

scan_per_file() { # DIR JOBS: `cardscan scan IMAGE`, a new process (engine) each
    time_it "$work/t-scan" sh -c 'find "$1" -type f | sort |
        xargs -P "$2" -n 1 "$3" scan >/dev/null 2>&1' _ "$1" "$2" "$BIN"
}

cardscan_dir() { # OUT DIR JOBS
    time_it "$1" "$BIN" batch "$2" --jobs "$3" --quiet --force \
        -o "$work/contacts.vcf" --report "$work/report.jsonl"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work skews wall times;"
echo "CPU seconds per card are robust to it)"
echo "batch = cardscan batch --jobs N; scan = xargs -P N cardscan scan IMAGE;"
echo "tess = xargs -P N tesseract IMAGE OUT; ratio = batch vs tess (wall, CPU);"
echo "each the median-wall run of $REPEAT"
printf '%-5s %4s %5s | %8s %7s %7s | %8s %7s | %8s %7s %7s | %6s %6s\n' \
    set jobs cards "batch/s" "cpu s" "peak MB" "scan/s" "cpu s" \
    "tess/s" "cpu s" "peak MB" "wall" "cpu"
for set in $SETS; do
    dir="$work/$set"
    n=$(find "$dir" -type f | wc -l)
    for j in $JOBS; do
        for r in $(seq 1 "$REPEAT"); do
            tess_dir "$dir" "$j"
            cardscan_dir "$work/t-cs" "$dir" "$j"
            scan_per_file "$dir" "$j"
            for t in t-tess t-cs t-scan; do cat "$work/$t" >>"$work/$t.runs"; done
        done
        # The run with the median wall time, per command.
        for t in t-tess t-cs t-scan; do
            sort -n "$work/$t.runs" | sed -n "$(((REPEAT + 1) / 2))p" >"$work/$t"
            rm "$work/$t.runs"
        done
        read -r ts tk tu tsy <"$work/t-tess"
        read -r cs ck cu csy <"$work/t-cs"
        read -r ss _ su ssy <"$work/t-scan"
        awk -v set="$set" -v j="$j" -v n="$n" \
            -v cs="$cs" -v ck="$ck" -v cc="$(echo "$cu + $csy" | bc)" \
            -v ss="$ss" -v sc="$(echo "$su + $ssy" | bc)" \
            -v ts="$ts" -v tk="$tk" -v tc="$(echo "$tu + $tsy" | bc)" 'BEGIN {
            printf "%-5s %4d %5d | %8.2f %7.2f %7.0f | %8.2f %7.2f | %8.2f %7.2f %7.0f | %5.2fx %5.2fx\n",
                set, j, n, n / cs, cc / n, ck / 1024, n / ss, sc / n,
                n / ts, tc / n, tk / 1024, ts / cs, tc / cc }'
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(tesseract peak MB: the largest single tesseract process;"
echo " cores: $(nproc --all) - jobs above that cannot scale further)"

if [ "$BIG" -gt 0 ]; then
    j=$(nproc --all)
    cardscan_dir "$work/t-big" "$work/big" "$j"
    read -r bs bk <"$work/t-big"
    lines=$(grep -c '"source"' "$work/report.jsonl" || true)
    awk -v n="$BIG" -v s="$bs" -v k="$bk" -v j="$j" -v l="$lines" 'BEGIN {
        printf "big: %d images, --jobs %d: %.1f s, %.2f cards/s, peak RSS %.0f MB, %d report lines\n",
            n, j, s, n / s, k / 1024, l }'
fi
