"""The Python peer: read every transcript, tokenize with Parley's token rule (DESIGN.md §4) using
the `regex` module, fold case, and count with collections.Counter.

    python_counter.py CORPUS_FOLDER WORD    prints WORD's count and the 100 most frequent types
"""
import collections
import os
import sys

import regex

TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*")


def files(folder):
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith((".txt", ".md")) and not name.startswith("."):
                yield os.path.join(root, name)


def main():
    folder, word = sys.argv[1], sys.argv[2]
    counts = collections.Counter()
    for path in files(folder):
        with open(path, encoding="utf-8") as handle:
            counts.update(token.lower().replace("’", "'") for token in TOKEN.findall(handle.read()))
    print(f"{word}\t{counts[word]}")
    for form, count in counts.most_common(100):
        print(f"{form}\t{count}")


main()
