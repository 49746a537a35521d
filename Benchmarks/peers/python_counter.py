"""The Python peer: read every transcript, tokenize with Parley's token rule (DESIGN.md §4) using
the `regex` module, fold case, and count with collections.Counter.

    python_counter.py CORPUS_FOLDER WORD    prints WORD's count and the 100 most frequent types
"""
import collections
import sys

import regex
from transcripts import files

TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*")


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
