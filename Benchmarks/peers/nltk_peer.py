"""The NLTK peer: tokens from nltk.RegexpTokenizer with Parley's token rule as close as Python's
`re` allows (`[^\W_]` is a letter or digit; combining marks are not included), then

    nltk_peer.py CORPUS_FOLDER freq WORD         FreqDist: WORD's count and the 100 most common types
    nltk_peer.py CORPUS_FOLDER concordance WORD  Text.concordance: the first 25 lines for WORD
"""
import sys

import nltk
from transcripts import files

TOKENIZER = nltk.RegexpTokenizer(r"[^\W_]+(?:['’-][^\W_]+)*")


def tokens(folder):
    result = []
    for path in files(folder):
        with open(path, encoding="utf-8") as handle:
            result.extend(TOKENIZER.tokenize(handle.read()))
    return result


def main():
    folder, task, word = sys.argv[1], sys.argv[2], sys.argv[3]
    if task == "freq":
        counts = nltk.FreqDist(token.lower().replace("’", "'") for token in tokens(folder))
        print(f"{word}\t{counts[word]}")
        for form, count in counts.most_common(100):
            print(f"{form}\t{count}")
    else:
        nltk.Text(tokens(folder)).concordance(word, width=100, lines=25)


main()
