#!/usr/bin/env bash
# Measures Parley on the Supreme Court corpus (../shared/corpora/large) against the tools a
# researcher would use instead, in one run, and writes BENCHMARKS.md. Not part of CI: it takes
# about an hour, mostly for the Python peers.
#
#   Benchmarks/run.sh                 everything (RUNS=5 for Parley, PEER_RUNS=3 for the peers)
#   RUNS=3 PEER_RUNS=1 Benchmarks/run.sh    a quicker, rougher run
#
# It installs what it needs: hyperfine and ripgrep from Debian's packages, and NLTK, regex and
# conc (with Polars and spaCy) into a virtual environment under .build/bench (which git ignores,
# like the corpus it unpacks).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${PARLEY_SHARED:-$ROOT/../shared}
WORK=$ROOT/.build/bench
CORPUS=$WORK/corpora/scotus
RUNS=${RUNS:-5}
PEER_RUNS=${PEER_RUNS:-3}
WORD=court
cd "$ROOT"
mkdir -p "$WORK/results" "$WORK/memory"
rm -f "$WORK"/results/*.json "$WORK"/memory/*.txt

step() { printf '\n== %s\n' "$*" >&2; }

step "tools"
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v rg >/dev/null || missing+=(ripgrep)
[ -x /usr/bin/time ] || missing+=(time)
command -v bc >/dev/null || missing+=(bc)
python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}"
fi
if [ ! -x "$WORK/venv/bin/python" ]; then python3 -m venv "$WORK/venv"; fi
"$WORK/venv/bin/pip" install -q --disable-pip-version-check nltk regex conc
PYTHON=$WORK/venv/bin/python

step "corpus"
if [ ! -d "$CORPUS" ]; then
    mkdir -p "$WORK/corpora"
    tar -xJf "$SHARED/corpora/large/scotus-oyez.tar.xz" -C "$WORK/corpora"
fi

step "build (release)"
swift build -c release --product parley 2>&1 | tail -1
swift build -c release --package-path Benchmarks 2>&1 | tail -1
PARLEY=$ROOT/.build/release/parley
export XDG_CACHE_HOME=$WORK/cache
rm -rf "$XDG_CACHE_HOME"

step "in-process harness"
Benchmarks/.build/release/ParleyBench "$CORPUS" --runs 11 --load-runs "$RUNS" --json "$WORK/results/inprocess.json" \
    --cache-sizes "$WORK/results/cache-sizes.json"

# A command timed by hyperfine, with its peak memory appended to memory/NAME.txt on every run.
measured() { echo "/usr/bin/time -a -o $WORK/memory/$1.txt -f %M $2"; }

step "whole process: the first load, writing the cache"
# A script's exit waits for the cache to be written, so this is the whole cost of a first load.
hyperfine --style basic --runs "$RUNS" --prepare "rm -rf $XDG_CACHE_HOME" --export-json "$WORK/results/first-load.json" \
    -n "parley, first load" "$(measured parley-first-load "sh -c \"printf 'count $WORD\\n' | $PARLEY $CORPUS\"")"
cache_file=$(ls -t "$XDG_CACHE_HOME"/parley/*.parleyindex | head -1)
stat -c %s "$cache_file" > "$WORK/results/cache-file-size.txt"

step "whole process: count '$WORD'"
printf 'count %s\n' "$WORD" | "$PARLEY" "$CORPUS" >/dev/null  # the cache is there
hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$WORK/results/count.json" \
    -n "parley, from text" "$(measured parley-text-count "sh -c \"printf 'load $CORPUS --no-cache\\ncount $WORD\\n' | $PARLEY\"")" \
    -n "parley, from the cache" "$(measured parley-cache-count "sh -c \"printf 'count $WORD\\n' | $PARLEY $CORPUS\"")" \
    -n "ripgrep" "$(measured rg-count "rg --count-matches --no-filename -i -w $WORD $CORPUS")"
hyperfine --style basic --runs "$PEER_RUNS" --export-json "$WORK/results/peers-freq.json" \
    -n "Python Counter" "$(measured python-freq "$PYTHON Benchmarks/peers/python_counter.py $CORPUS $WORD")" \
    -n "NLTK FreqDist" "$(measured nltk-freq "$PYTHON Benchmarks/peers/nltk_peer.py $CORPUS freq $WORD")"

step "whole process: freq --top 100"
hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$WORK/results/freq.json" \
    -n "parley, from text" "$(measured parley-text-freq "sh -c \"printf 'load $CORPUS --no-cache\\nfreq --top 100\\n' | $PARLEY\"")" \
    -n "parley, from the cache" "$(measured parley-cache-freq "sh -c \"printf 'freq --top 100\\n' | $PARLEY $CORPUS\"")"

step "whole process: a phrase"
hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$WORK/results/phrase.json" \
    -n "parley, from text" "$(measured parley-text-phrase "sh -c \"printf 'load $CORPUS --no-cache\\ncount \\\"may it please the court\\\"\\n' | $PARLEY\"")" \
    -n "parley, from the cache" "$(measured parley-cache-phrase "sh -c \"printf 'count \\\"may it please the court\\\"\\n' | $PARLEY $CORPUS\"")"

step "whole process: 25 concordance lines of '$WORD'"
hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$WORK/results/kwic.json" \
    -n "parley, from text" "$(measured parley-text-kwic "sh -c \"printf 'load $CORPUS --no-cache\\nkwic $WORD --limit 25\\n' | $PARLEY\"")" \
    -n "parley, from the cache" "$(measured parley-cache-kwic "sh -c \"printf 'kwic $WORD --limit 25\\n' | $PARLEY $CORPUS\"")"
hyperfine --style basic --runs "$PEER_RUNS" --export-json "$WORK/results/peers-kwic.json" \
    -n "NLTK Text.concordance" "$(measured nltk-kwic "$PYTHON Benchmarks/peers/nltk_peer.py $CORPUS concordance $WORD")"

step "conc (Polars and spaCy): build, frequency list, concordance, keyness"
CONC=$WORK/conc
rm -rf "$CONC" && mkdir -p "$CONC"
hyperfine --style basic --runs 1 --prepare "rm -rf $CONC/corpus" --export-json "$WORK/results/conc-build.json" \
    -n "conc build" "$(measured conc-build "$PYTHON Benchmarks/peers/conc_peer.py build $CORPUS $CONC/corpus")"
hyperfine --style basic --runs "$PEER_RUNS" --export-json "$WORK/results/conc.json" \
    -n "conc frequencies" "$(measured conc-freq "$PYTHON Benchmarks/peers/conc_peer.py freq $CONC/corpus $WORD")" \
    -n "conc concordance" "$(measured conc-kwic "$PYTHON Benchmarks/peers/conc_peer.py concordance $CONC/corpus $WORD")"
# Keyness on the same question: two justices' turns, exported by Parley (untimed), each a conc
# corpus, against Parley's compare of the same two speakers.
for justice in "Antonin Scalia" "Ruth Bader Ginsburg"; do
    slug=$(printf '%s' "$justice" | tr -c 'A-Za-z' '-')
    printf 'turns --speaker "%s" --format csv --out %s\n' "$justice" "$CONC/$slug.csv" | "$PARLEY" "$CORPUS" >/dev/null
    "$PYTHON" Benchmarks/peers/conc_peer.py build-csv "$CONC/$slug.csv" "$CONC/$slug" >/dev/null 2>&1
done
hyperfine --style basic --runs "$PEER_RUNS" --warmup 1 --export-json "$WORK/results/keyness.json" \
    -n "parley, from the cache" "$(measured parley-cache-compare "sh -c \"printf 'compare \\\"Antonin Scalia\\\" \\\"Ruth Bader Ginsburg\\\" --top 100\\n' | $PARLEY $CORPUS\"")" \
    -n "conc keyness" "$(measured conc-keyness "$PYTHON Benchmarks/peers/conc_peer.py keyness $CONC/Antonin-Scalia $CONC/Ruth-Bader-Ginsburg")"

step "what each tool found"
{
    printf 'parley\t%s\n' "$(printf 'count %s\n' "$WORD" | "$PARLEY" "$CORPUS" | awk 'NR==3 {print $2}')"
    printf 'ripgrep\t%s\n' "$(rg --count-matches --no-filename -i -w "$WORD" "$CORPUS" | awk '{s+=$1} END {print s}')"
    printf 'python\t%s\n' "$("$PYTHON" Benchmarks/peers/python_counter.py "$CORPUS" "$WORD" | head -1 | cut -f2)"
    # Tokens that hold the word joined to another by an apostrophe or hyphen: one token for
    # Parley and Python, a match for ripgrep's -w.
    printf 'joined\t%s\n' "$(printf "count %s's\ncount %s-*\ncount *-%s\n" "$WORD" "$WORD" "$WORD" | "$PARLEY" "$CORPUS" | awk '$1 != "query" && $2 ~ /^[0-9]+$/ {s+=$2} END {print s}')"
    printf 'first-lines\t%s\n' "$(find "$CORPUS" -type f -exec head -qn1 {} + | grep -oiw "$WORD" | wc -l)"
} > "$WORK/results/found.tsv"
printf 'info\n' | "$PARLEY" "$CORPUS" > "$WORK/results/info.txt"

step "issue 16: the three patterns, counted by Parley and by an independent script over the turns"
printf '%s\n' 'count [lower="may"] []{0,3} [lower="court"] --format tsv' 'count <turn> [lower="thank"] [lower="you"] --format tsv' \
    'count [lower="constitution.*" & word="[A-Z].*"] --format tsv' | "$PARLEY" "$CORPUS" | awk -F'\t' '$1 != "query" {print $1 "\t" $2}' \
    > "$WORK/results/patterns-parley.tsv"
printf 'turns --format tsv\n' | "$PARLEY" "$CORPUS" | "$PYTHON" Tests/Scripts/pattern_counts.py > "$WORK/results/patterns-script.tsv"

step "growth: 1/8, 1/4, 1/2 and all of the corpus"
for share in 8 4 2 1; do
    folder=$WORK/corpora/scotus-1of$share
    rm -rf "$folder" && mkdir -p "$folder"
    (cd "$CORPUS" && find . -type f \( -name '*.txt' -o -name '*.md' \) | LC_ALL=C sort | awk -v k="$share" 'NR % k == 0') |
        while read -r file; do mkdir -p "$folder/$(dirname "$file")" && ln -s "$CORPUS/$file" "$folder/$file"; done
    printf 'info\n' | "$PARLEY" "$folder" > "$WORK/results/growth-$share-info.txt"  # and writes its cache
    stat -c %s "$(ls -t "$XDG_CACHE_HOME"/parley/*.parleyindex | head -1)" > "$WORK/results/growth-$share-cache.txt"
    hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$WORK/results/growth-$share.json" \
        -n "1/$share" "$(measured growth-$share "sh -c \"printf 'load $folder --no-cache\\n' | $PARLEY\"")"
done

step "memory: the heaviest analyses, each in a whole process on the cached corpus"
# Peak resident memory of `parley CORPUS` answering one command, against `info` alone (the
# loaded corpus); each command's output goes to /dev/null. Target: under 2 GB above the corpus.
rm -f "$WORK/results/memory.tsv"
while IFS= read -r command; do
    name=$(printf '%s' "$command" | tr -c 'A-Za-z0-9' '-')
    rm -f "$WORK/memory/analysis-$name.txt"
    start=$(date +%s.%N)
    printf '%s\n' "$command" | /usr/bin/time -a -o "$WORK/memory/analysis-$name.txt" -f %M "$PARLEY" "$CORPUS" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    printf '%s\t%s\t%s\n' "$command" "$(tail -1 "$WORK/memory/analysis-$name.txt")" "$(echo "$end - $start" | bc)" >> "$WORK/results/memory.tsv"
done <<COMMANDS
info
kwic the --sort 1R
freq --ngram 2
freq --ngram 3
freq --ngram 5 --top 10
freq --top all --by speaker
collocates the
dispersion the --by turn
turns --format json --out $WORK/turns.json
COMMANDS
rm -f "$WORK/turns.json"

step "Ctrl-C: from SIGINT to the next prompt, at several points of long commands"
# The cache was written above, so each run starts in about a second.
rm -f "$WORK/results/interrupt.jsonl"
"$PYTHON" Benchmarks/interrupt.py "$PARLEY" "$CORPUS" 0.5,1,2,5,10,20 "kwic the --sort 1R" "freq --ngram 3" \
    >> "$WORK/results/interrupt.jsonl"
"$PYTHON" Benchmarks/interrupt.py "$PARLEY" "$CORPUS" 0.2,0.4,0.6,0.8,1.0 "collocates the" >> "$WORK/results/interrupt.jsonl"

step "profiles of the rows closest to their targets (perf)"
Benchmarks/profile.sh

step "report"
{
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p')"
    echo "cores: $(nproc)"
    echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo "kernel: $(uname -r)"
    echo "swift: $(swift --version 2>&1 | head -1)"
    echo "python: $("$PYTHON" --version)"
    echo "nltk: $("$PYTHON" -c 'import nltk; print(nltk.__version__)')"
    echo "conc: $("$PYTHON" -c 'import conc, polars, spacy; print(conc.__version__, "(polars", polars.__version__ + ", spacy", spacy.__version__ + ")")')"
    echo "ripgrep: $(rg --version | head -1)"
    echo "hyperfine: $(hyperfine --version)"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (with local changes)')"
    echo "date: $(date -u +%Y-%m-%d)"
} > "$WORK/results/machine.txt"
"$PYTHON" Benchmarks/report.py "$WORK" > "$ROOT/BENCHMARKS.md"
echo "wrote BENCHMARKS.md" >&2
