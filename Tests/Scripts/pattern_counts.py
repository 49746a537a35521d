#!/usr/bin/env python3
"""Counts issue 16's three CQP patterns over `parley CORPUS` + `turns --format tsv`,
tokenizing each turn's text again with DESIGN.md §4's rule, as an independent check of the
pattern engine (CQP's standard strategy: the shortest match from each start, none inside an
earlier one; matches never cross a turn).

Usage: parley CORPUS <<< 'turns --format tsv' | python3 Tests/Scripts/pattern_counts.py
"""
import csv
import re
import sys

import regex

TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*")
# Transcription notes are not words (DESIGN.md §4): a span in brackets of at most 8 words with
# a word transcribers use for events, as TranscriptionNote.swift says. (Notes that are notes
# only because they stand alone on a line cannot be told in the TSV, which joins lines.)
CUES = set("""inaudible unintelligible indiscernible incomprehensible inaudibly unclear laughter laughs
laughing laugh chuckles chuckling giggles applause applauds applauding clapping crosstalk cross-talk
cheers cheering booing boos jeers sighs coughs coughing sneezes throat music silence pause pauses sic
redacted interruption interrupts overlapping off-mike off-mic audio video microphone mic cellphone rings
interpreter interpretation translation translated speaks speaking gestures nods plays played noise
unidentified""".split())
NOTE = re.compile(r"\([^()\[\]]{1,118}\)|\[[^()\[\]]{1,118}\]")


def without_notes(text):
    def drop(match):
        words = [w.lower() for w in TOKEN.findall(match.group(0))]
        return " " if len(words) <= 8 and any(w in CUES for w in words) else match.group(0)
    return NOTE.sub(drop, text)
csv.field_size_limit(sys.maxsize)

may_court = thank_you = capital_constitution = 0
rows = csv.reader(sys.stdin, delimiter="\t", quoting=csv.QUOTE_NONE)
header = next(rows)
text_column = header.index("text")
for row in rows:
    words = TOKEN.findall(without_notes(row[text_column]))
    lower = [w.lower().replace("’", "'") for w in words]
    # [lower="may"] []{0,3} [lower="court"]: the nearest court within four tokens of each may.
    furthest = 0
    for start, word in enumerate(lower):
        if word != "may":
            continue
        for gap in range(4):
            end = start + gap + 2
            if end <= len(lower) and lower[end - 1] == "court":
                if end > furthest:
                    may_court += 1
                    furthest = end
                break
    # <turn> [lower="thank"] [lower="you"]
    if lower[:2] == ["thank", "you"]:
        thank_you += 1
    # [lower="constitution.*" & word="[A-Z].*"]
    capital_constitution += sum(
        1 for w, l in zip(words, lower) if re.fullmatch("constitution.*", l) and re.fullmatch("[A-Z].*", w.replace("’", "'"))
    )

print(f'[lower="may"] []{{0,3}} [lower="court"]\t{may_court}')
print(f'<turn> [lower="thank"] [lower="you"]\t{thank_you}')
print(f'[lower="constitution.*" & word="[A-Z].*"]\t{capital_constitution}')
