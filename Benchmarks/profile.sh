#!/usr/bin/env bash
# Profiles, with perf, the whole-process runs closest to their targets in BENCHMARKS.md, so the
# report can say where their time goes: the first load (text to index, the cache written), a
# new process answering from the cache, a bigram list and a load from text. Run by Benchmarks/run.sh after the timings; writes .build/bench/results/profile-*.txt
# (the 15 hottest functions, demangled) and leaves them out when perf is missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/.build/bench
CORPUS=$WORK/corpora/scotus
PARLEY=$ROOT/.build/release/parley
export XDG_CACHE_HOME=$WORK/profile-cache
cd "$ROOT"
rm -f "$WORK"/results/profile-*.txt
command -v perf >/dev/null || { echo "perf is missing: no profiles" >&2; exit 0; }

profile() {  # profile NAME SCRIPT: perf over `parley` reading SCRIPT, the hottest functions to profile-NAME.txt
    local name=$1 script=$2
    printf '%b' "$script" > "$WORK/profile-$name.script"
    perf record -q -g -o "$WORK/profile-$name.data" -- "$PARLEY" < "$WORK/profile-$name.script" > /dev/null 2>&1
    {
        printf 'script: %s\n' "$(printf '%b' "$script" | paste -sd ';' | sed "s|$WORK|.build/bench|g")"
        # head closes the pipe early: perf's SIGPIPE is expected.
        { perf report -q -i "$WORK/profile-$name.data" --no-children --sort symbol -g none 2>/dev/null || true; } |
            head -15 | swift demangle --simplified | sed -E 's/ +/ /g; s/^ //; s/ - - *$//' | cut -c1-160
    } > "$WORK/results/profile-$name.txt"
    rm -f "$WORK/profile-$name.data" "$WORK/profile-$name.script"
}

# A new process answering from the cache: 20 of them, so that the samples are enough to rank.
profile_cold() {  # profile_cold NAME COMMAND
    local name=$1 command=$2
    printf '%s\n' "$command" > "$WORK/profile-$name.script"
    perf record -q -g -o "$WORK/profile-$name.data" -- sh -c \
        "for i in \$(seq 20); do \"$PARLEY\" \"$CORPUS\" < \"$WORK/profile-$name.script\" > /dev/null 2>&1; done"
    {
        printf 'script: %s\n' "parley .build/bench/corpora/scotus <<< '$command', 20 processes"
        { perf report -q -i "$WORK/profile-$name.data" --no-children --sort symbol -g none 2>/dev/null || true; } |
            head -15 | swift demangle --simplified | sed -E 's/ +/ /g; s/^ //; s/ - - *$//' | cut -c1-160
    } > "$WORK/results/profile-$name.txt"
    rm -f "$WORK/profile-$name.data" "$WORK/profile-$name.script"
}

rm -rf "$XDG_CACHE_HOME"
profile first-load "load $CORPUS\ncount court\n"
# From the cache the first load wrote: the bigram list, whose in-session target is the tightest.
profile bigrams "load $CORPUS\nfreq --ngram 2 --top 25\n"
profile_cold cold-kwic "kwic court --limit 25"
rm -rf "$XDG_CACHE_HOME"
profile load-from-text "load $CORPUS --no-cache\nfreq --top 100\n"
