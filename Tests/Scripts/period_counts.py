#!/usr/bin/env python3
"""An independent check of `count WORD --by date:month`: reads every turn with its date from
`turns --meta date --format tsv`, tokenizes each turn's text again with DESIGN.md §4's rule
(the tokenizer of pattern_counts.py), counts the tokens and the hits of WORD (any case) per
calendar month, lists every month from the first to the last, zeros included, and prints
`date:month,hits,tokens,per_10k` as Parley's CSV does (per_10k = hits × 10,000 / tokens, two
decimals, empty for a month without tokens).

Usage: parley CORPUS <<< 'turns --meta date --format tsv --limit all' | python3 Tests/Scripts/period_counts.py inflation
"""
import csv
import importlib.util
import os
import sys
from decimal import ROUND_HALF_UP, Decimal

spec = importlib.util.spec_from_file_location("pattern_counts_tokens", os.path.join(os.path.dirname(__file__), "pattern_counts.py"))
source = open(spec.origin, encoding="utf-8").read()
# Only the tokenizer and the note rule: the part before the counting starts.
exec(source[: source.index("csv.field_size_limit")], namespace := {})
TOKEN, without_notes = namespace["TOKEN"], namespace["without_notes"]

word = sys.argv[1].lower()
csv.field_size_limit(sys.maxsize)
rows = csv.reader(sys.stdin, delimiter="\t", quoting=csv.QUOTE_NONE)
header = next(rows)
text_column, date_column = header.index("text"), header.index("date")
hits, tokens = {}, {}
for row in rows:
    month = row[date_column][:7]
    words = [w.lower().replace("’", "'") for w in TOKEN.findall(without_notes(row[text_column]))]
    tokens[month] = tokens.get(month, 0) + len(words)
    hits[month] = hits.get(month, 0) + words.count(word)

first, last = min(tokens), max(tokens)
year, month = int(first[:4]), int(first[5:7])
print("date:month,hits,tokens,per_10k")
while f"{year:04d}-{month:02d}" <= last:
    key = f"{year:04d}-{month:02d}"
    h, t = hits.get(key, 0), tokens.get(key, 0)
    rate = "" if t == 0 else str((Decimal(h) * 10000 / Decimal(t)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    print(f"{key},{h},{t},{rate}")
    month += 1
    if month == 13:
        year, month = year + 1, 1
