#!/usr/bin/env python3
"""An independent check of `count WORD --by date:month`: reads every turn with its date from
`turns --meta date --format tsv`, leaves out the turns outside speech as analyses do (in a
document with speakers, the turns without one before the first speaker's turn and after the
last), tokenizes each turn's text again with DESIGN.md §4's rule
(the tokenizer of pattern_counts.py), counts the tokens and the hits of WORD (any case) per
calendar month, lists every month from the first to the last, zeros included, and prints
`date:month,hits,tokens,per_10k` as Parley's CSV does (per_10k = hits × 10,000 / tokens, at
least two decimals and three significant digits, empty for a month without tokens).

Its own tokenizer cannot tell the transcription notes that are notes only because they stand
alone on a line (the TSV joins a turn's lines), so its token counts run a few in 100,000 above
Parley's; with --turn-tokens the tokens of each turn are taken from the TSV's tokens column
instead (Parley's count of that turn), which leaves the grouping, the months without turns, the
turns outside speech and the rate to this script, and then every row should match.

Usage: parley CORPUS <<< 'turns --meta date --format tsv' | python3 Tests/Scripts/period_counts.py inflation [--turn-tokens]
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
turn_tokens = "--turn-tokens" in sys.argv[2:]
csv.field_size_limit(sys.maxsize)
rows = csv.reader(sys.stdin, delimiter="\t", quoting=csv.QUOTE_NONE)
header = next(rows)
text_column, date_column = header.index("text"), header.index("date")
document_column, speaker_column = header.index("document"), header.index("speaker")
documents = {}
for row in rows:
    documents.setdefault(row[document_column], []).append(row)
speech = []
for turns in documents.values():
    spoken = [index for index, row in enumerate(turns) if row[speaker_column]]
    if not spoken:
        speech += turns
    else:
        speech += turns[spoken[0] : spoken[-1] + 1]
hits, tokens = {}, {}
for row in speech:
    month = row[date_column][:7]
    words = [w.lower().replace("’", "'") for w in TOKEN.findall(without_notes(row[text_column]))]
    tokens[month] = tokens.get(month, 0) + (int(row[header.index("tokens")]) if turn_tokens else len(words))
    hits[month] = hits.get(month, 0) + words.count(word)

first, last = min(tokens), max(tokens)
year, month = int(first[:4]), int(first[5:7])
print("date:month,hits,tokens,per_10k")
while f"{year:04d}-{month:02d}" <= last:
    key = f"{year:04d}-{month:02d}"
    h, t = hits.get(key, 0), tokens.get(key, 0)
    rate = ""
    if t > 0:
        value = Decimal(h) * 10000 / Decimal(t)
        # At least two decimals and three significant digits, as Parley prints rates.
        places = 2
        while value > 0 and value * Decimal(10) ** places < Decimal("99.95") and places < 10:
            places += 1
        rate = str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    print(f"{key},{h},{t},{rate}")
    month += 1
    if month == 13:
        year, month = year + 1, 1
