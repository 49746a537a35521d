#!/usr/bin/env python3
"""Independent figures for the seed transcript, to check Parley's analyses against.

Shares no code with Parley: tokens are the DESIGN.md §4 regex (with the `regex` module), the
seed's turns are assigned by hand below, and every statistic is written out from its published
formula. Run it from the repository root: python3 Tests/Scripts/seed_figures.py
"""
import glob
import math
from collections import Counter

import regex

TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*")


def types(text):
    return [t.lower().replace("’", "'") for t in TOKEN.findall(text)]


text = open(glob.glob("seeds/*.txt")[0], encoding="utf-8").read()
paragraphs = [p.strip() for p in regex.split(r"\n[ \t]*\n", text) if p.strip()]
# By hand (note the no-break space after one label): paragraph 0 is the title; then Putin (label), Petrenko (self-introduction), Putin
# (label), Petrenko (dash, alternation), Putin (dash, alternation) and its five continuations.
speakers = ["Vladimir Putin", "Ilya Petrenko", "Vladimir Putin", "Ilya Petrenko", "Vladimir Putin"]
bodies = [regex.sub(r"^(Vladimir Putin:\s*|- )", "", p) for p in paragraphs[1:]]
turns = [types(b) for b in bodies[:4]] + [types(" ".join(bodies[4:]))]
tokens = [t for turn in turns for t in turn]
N = len(tokens)
print("turn sizes", [len(t) for t in turns], "tokens", N, "types", len(set(tokens)))


def g2(a, c, b, d):
    """Signed four-cell log-likelihood over (a, c-a, b, d-b)."""
    n = c + d
    cells = [(a, c, a + b), (c - a, c, n - a - b), (b, d, a + b), (d - b, d, n - a - b)]
    value = 2 * sum(o * math.log(o / (col * row / n)) for o, col, row in cells if o > 0)
    return value if a / c >= b / d else -value


# kwic terrorism: hits and the word to the right of each (None at the end of a turn).
hits = [(i, j) for i, turn in enumerate(turns) for j, t in enumerate(turn) if t == "terrorism"]
print("kwic terrorism", len(hits), "1R", [turns[i][j + 1] if j + 1 < len(turns[i]) else None for i, j in hits])

# freq --top 5, with range in turns.
counts = Counter(tokens)
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode()))[:5]
print("freq top 5", [(w, f, sum(w in set(t) for t in turns)) for w, f in top])

# count terror*, overall and by speaker.
terror = [(i, j) for i, turn in enumerate(turns) for j, t in enumerate(turn) if t.startswith("terror")]
by_speaker = Counter(speakers[i] for i, _ in terror)
print("count terror*", len(terror), round(len(terror) * 10000 / N, 2), dict(by_speaker))

# freq --ngram 2 --top 5.
bigrams = Counter((t[k], t[k + 1]) for t in turns for k in range(len(t) - 1))
top2 = sorted(bigrams.items(), key=lambda kv: (-kv[1], " ".join(kv[0]).encode()))[:5]
print("bigrams", [(" ".join(w), f) for w, f in top2])

# freq --stopwords en --top 5 (Snowball English list, as typed from snowballstem.org).
snowball = set(open("Tests/Scripts/snowball-english.txt").read().split())
content = sorted(((w, f) for w, f in counts.items() if w not in snowball), key=lambda kv: (-kv[1], kv[0].encode()))
print("stopwords top 5", content[:5])

# collocates the --window 5 5: union of the windows inside each turn, each token once.
window = set()
node_hits = 0
for i, turn in enumerate(turns):
    for j, t in enumerate(turn):
        if t == "the":
            node_hits += 1
            window |= {(i, k) for k in range(max(0, j - 5), j)}
            window |= {(i, k) for k in range(j + 1, min(len(turn), j + 6))}
W = len(window)
o11 = Counter(turns[i][k] for i, k in window)
for w in ["of", "countries"]:
    o, f = o11[w], counts[w]
    e = W * f / N
    print(f"collocate {w}: O11 {o} f {f} W {W} E11 {e:.3f} ll {g2(o, W, f - o, N - W):.2f} mi {math.log2(o / e):.3f}"
          f" mi3 {3 * math.log2(o) - math.log2(e):.3f} t {(o - e) / math.sqrt(o):.3f}"
          f" logdice {14 + math.log2(2 * o / (node_hits + f)):.3f}")

# dispersion terrorism --by turn.
sizes = [len(t) for t in turns]
v = [sum(1 for i, _ in hits if i == part) for part in range(len(turns))]
rates = [x / s for x, s in zip(v, sizes)]
mean = sum(rates) / len(rates)
sd = math.sqrt(sum((r - mean) ** 2 for r in rates) / len(rates))
D = 1 - (sd / mean) / math.sqrt(len(rates) - 1)
DP = 0.5 * sum(abs(x / sum(v) - s / sum(sizes)) for x, s in zip(v, sizes))
DPnorm = DP / (1 - min(sizes) / sum(sizes))
print(f"dispersion terrorism by turn: hits {v} D {D:.4f} DP {DP:.4f} DPnorm {DPnorm:.4f}")

# compare "Vladimir Putin" "Ilya Petrenko": a few keywords.
A = Counter(t for i, turn in enumerate(turns) if speakers[i] == "Vladimir Putin" for t in turn)
B = Counter(t for i, turn in enumerate(turns) if speakers[i] == "Ilya Petrenko" for t in turn)
c, d = sum(A.values()), sum(B.values())
print("sides", c, len(A), d, len(B))
for w in ["we", "do", "you"]:
    a, b = A[w], B[w]
    lr = math.log2((max(a, 0.5) / c) / (max(b, 0.5) / d))
    diff = (a / c - b / d) * 100 / (b / d)
    print(f"keyword {w}: a {a} b {b} g2 {g2(a, c, b, d):.2f} log_ratio {lr:.3f} pct_diff {diff:.1f}")
significant = sorted(w for w in set(A) | set(B) if A[w] + B[w] >= 3 and abs(g2(A[w], c, B[w], d)) >= 3.841458820694124)
print("keywords at p < 0.05 with a + b >= 3:", significant)

# freq --ngram 2 --stopwords en --top 3: bigrams with no stop word.
clean = Counter((t[k], t[k + 1]) for t in turns for k in range(len(t) - 1) if t[k] not in snowball and t[k + 1] not in snowball)
print("bigrams without stop words", sorted(((" ".join(w), f) for w, f in clean.items()), key=lambda kv: (-kv[1], kv[0].encode()))[:3])
