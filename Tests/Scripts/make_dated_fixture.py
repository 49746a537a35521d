#!/usr/bin/env python3
"""Builds notebooks/corpora/briefings-sample/: a small dated corpus for the notebooks on time
series and charts, cut from the White House press briefings in ../shared (CC0, brian14708/
wh-briefings). From each of 14 months between January 2021 and December 2024 (every fourth
month, and the two months around Psaki's departure), the first press briefing by the press
secretary is taken, its front matter kept and its text cut at the first blank line after
about 1,800 words, so that the corpus stays near 150 KB. Running it again gives the same files.

    python3 Tests/Scripts/make_dated_fixture.py ../shared/corpora/whitehouse/press-briefings
"""
import os
import re
import sys

source = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/whitehouse/press-briefings"
target = os.path.join(os.path.dirname(__file__), "..", "..", "notebooks", "corpora", "briefings-sample")
months = ["2021-01", "2021-05", "2021-09", "2022-01", "2022-04", "2022-05", "2022-06", "2022-09",
          "2023-01", "2023-05", "2023-09", "2024-01", "2024-05", "2024-09"]
os.makedirs(target, exist_ok=True)
for name in os.listdir(target):
    if name.endswith(".md"):
        os.remove(os.path.join(target, name))
for month in months:
    names = sorted(n for n in os.listdir(os.path.join(source, month))
                   if "press-briefing-by-press-secretary" in n)
    name = names[0]
    text = open(os.path.join(source, month, name), encoding="utf-8").read()
    front, body = re.match(r"(---\n.*?\n---\n)(.*)", text, re.S).groups()
    kept, words = [], 0
    for paragraph in re.split(r"(\n[ \t\u00a0]*\n)", body):
        kept.append(paragraph)
        words += len(paragraph.split())
        if words > 1800 and paragraph.strip() == "":
            break
    with open(os.path.join(target, name), "w", encoding="utf-8") as out:
        out.write(front + "".join(kept).rstrip() + "\n")
print(f"{len(months)} files in {os.path.normpath(target)}")
