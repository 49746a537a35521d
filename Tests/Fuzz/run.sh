#!/usr/bin/env bash
# Fuzzes Parley's parsers with libFuzzer and AddressSanitizer (issue 14).
#
#   Tests/Fuzz/run.sh                  every target for 30 seconds
#   Tests/Fuzz/run.sh 180              every target for 3 minutes
#   Tests/Fuzz/run.sh 60 query cache   two targets for a minute each
#
# Targets: command (command lines on the seed, sandboxed as a replayed notebook), filter, query,
# notebook (the Markdown parser, which must give back every byte), cache (any bytes as an index
# cache file), dates (dates, times and periods), html (any notebook made into a page), and reader-text, reader-csv, reader-tsv, reader-jsonl, reader-webvtt, reader-srt,
# reader-chat, reader-tei. Each starts from a seed corpus made from the repository's fixtures and
# notebooks, plus the inputs of earlier findings in Tests/Fuzz/regressions/TARGET/.
#
# The sources are compiled module by module with `swiftc -sanitize=fuzzer,address` into
# .build-fuzz/ (git ignores it). Exit status: 0 when no target found anything, 1 otherwise; a
# finding is kept as .build-fuzz/findings/TARGET-crash-… (or -timeout-, -oom-, -leak-) and should
# become a regression input and test. Tests/Fuzz/lsan.supp names the leaks of the toolchain's own
# libraries that LeakSanitizer is told to ignore, each with how it was reproduced outside Parley.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$ROOT/.build-fuzz
SECONDS_EACH=${1:-30}
[ $# -gt 0 ] && shift
ALL=(command filter query notebook cache dates html reader-text reader-csv reader-tsv reader-jsonl reader-webvtt reader-srt reader-chat reader-tei)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL[@]}")
cd "$ROOT"

SWIFTC=$(command -v swiftc)
CLANG=$(dirname "$(readlink -f "$SWIFTC")")/clang
mkdir -p "$WORK/obj" "$WORK/modules/CInterrupt" "$WORK/modules/CLoading" "$WORK/findings"

echo "== building the fuzz targets (swiftc -sanitize=fuzzer,address)" >&2
cat > "$WORK/modules/CInterrupt/module.modulemap" <<EOF
module CInterrupt {
    header "$ROOT/Sources/CInterrupt/include/parley_interrupt.h"
    export *
}
EOF
cat > "$WORK/modules/CLoading/module.modulemap" <<EOF
module CLoading {
    header "$ROOT/Sources/CLoading/include/parley_loading.h"
    export *
}
EOF
"$CLANG" -c -O1 -g -fsanitize=fuzzer-no-link,address -I Sources/CInterrupt/include \
    Sources/CInterrupt/interrupt.c -o "$WORK/obj/CInterrupt.o"
SWIFT_FLAGS=(-O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6 -package-name parley
    -enable-upcoming-feature ExistentialAny -I "$WORK/modules" -I "$WORK/modules/CInterrupt" -I "$WORK/modules/CLoading" -I Sources/CReadline -I Sources/CZstd)
module() {  # module NAME FOLDER: one object and one .swiftmodule, whole-module optimised
    local name=$1 folder=$2
    mapfile -t files < <(find "$folder" -name '*.swift' | LC_ALL=C sort)
    "$SWIFTC" "${SWIFT_FLAGS[@]}" -module-name "$name" -wmo -num-threads 0 -emit-module \
        -emit-module-path "$WORK/modules/$name.swiftmodule" -c "${files[@]}" -o "$WORK/obj/$name.o"
}
module ParleyCore Sources/ParleyCore
module ParleyNotebook Sources/ParleyNotebook
module ParleyShell Sources/ParleyShell
module ParleyFuzz Tests/Fuzz
"$SWIFTC" -sanitize=fuzzer,address "$WORK"/obj/*.o -lreadline -lzstd -o "$WORK/parley-fuzz"
BIN=$WORK/parley-fuzz

echo "== seed corpora from the fixtures" >&2
seed() {  # seed TARGET FILE…: copy files into the target's corpus
    local target=$1
    shift
    mkdir -p "$WORK/corpus/$target"
    for file in "$@"; do [ -f "$file" ] && cp "$file" "$WORK/corpus/$target/$(basename "$file")"; done
    return 0
}
lines() {  # lines TARGET PREFIX: each command line of the notebooks that starts with PREFIX, one file each
    local target=$1 prefix=$2 count=0
    mkdir -p "$WORK/corpus/$target"
    awk '/^```parley/ {inside=1; next} /^```/ {inside=0} inside' notebooks/*.md | grep "^$prefix" | sort -u |
        while IFS= read -r line; do
            count=$((count + 1))
            printf '%s' "${line#"$prefix"}" > "$WORK/corpus/$target/line-${prefix%% *}-$count"
        done
}
F=Tests/Fixtures
seed reader-text $F/formats/briefing.md $F/malformed/bad-front-matter.md seeds/*.txt
seed reader-csv $F/formats/episodes.csv $F/malformed/unclosed-quote.csv
seed reader-tsv $F/formats/meeting.tsv
seed reader-jsonl $F/formats/interview.jsonl $F/malformed/bad-object.jsonl
seed reader-webvtt $F/formats/sketch.vtt $F/malformed/bad-timestamp.vtt
seed reader-srt $F/formats/standup.srt $F/malformed/bad-timing.srt
seed reader-chat $F/formats/eve.cha $F/malformed/unknown-speaker.cha
seed reader-tei $F/formats/scene.xml $F/malformed/unbalanced.xml
seed notebook notebooks/*.md
seed html notebooks/*.md
mkdir -p "$WORK/corpus/dates"
for value in 2021 2021-06 2021-06-30 "2021-06-30T19:06:05-04:00" "2021-06-30 19:06" 00:01:02.500 01:02.5 \
    "00:01:02,250" 2021-Q3 2021-W25 "1962-10-15; 1962-10-17" 1969-12-31; do
    printf '%s' "$value" > "$WORK/corpus/dates/$(printf '%s' "$value" | tr -c 'A-Za-z0-9' '_')"
done
lines command ""
lines filter "filter "
lines query "kwic "
lines query "count "
mkdir -p "$WORK/corpus/cache"
PARLEY_FUZZ_TARGET=cache PARLEY_FUZZ_WRITE_CACHE_SEED="$WORK/corpus/cache" "$BIN" >/dev/null 2>&1 || true
for target in "${ALL[@]}"; do
    [ -d "Tests/Fuzz/regressions/$target" ] && seed "$target" "Tests/Fuzz/regressions/$target"/*
done

status=0
printf '\n%-14s %12s %10s %8s  %s\n' target executions "exec/s" corpus result >&2
for target in "${TARGETS[@]}"; do
    log=$WORK/findings/$target.log
    set +e
    # Leaks inside the toolchain's Foundation are not Parley's: see lsan.supp.
    PARLEY_FUZZ_TARGET=$target LSAN_OPTIONS="suppressions=$ROOT/Tests/Fuzz/lsan.supp" "$BIN" "$WORK/corpus/$target" -max_total_time="$SECONDS_EACH" -timeout=10 \
        -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1 -artifact_prefix="$WORK/findings/$target-" \
        > "$log" 2>&1
    code=$?
    set -e
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    units=$(ls "$WORK/corpus/$target" | wc -l)
    if [ $code -eq 0 ]; then result="no finding"; else result="FOUND (exit $code): see $log"; status=1; fi
    printf '%-14s %12s %10s %8s  %s\n' "$target" "${runs:-?}" "${rate:-?}" "$units" "$result" >&2
done
exit $status
