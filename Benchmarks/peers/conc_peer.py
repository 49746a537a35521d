"""The conc peer (https://github.com/polsci/conc, built on Polars and spaCy): conc tokenizes with a
spaCy pipeline; the machine has no copy of en_core_web_sm, so the peer saves spaCy's blank English
pipeline (the same tokenizer rules and exceptions, no trained components) with placeholders for
the components conc disables, and builds with it.

    conc_peer.py build CORPUS_FOLDER SAVE_FOLDER     build conc's corpus from the .txt files
    conc_peer.py build-csv TURNS_CSV SAVE_FOLDER     build one from the text column of a CSV
    conc_peer.py freq SAVED WORD                     WORD's count and the 100 most common tokens
    conc_peer.py concordance SAVED WORD              the first 25 concordance lines for WORD
    conc_peer.py keyness SAVED REFERENCE_SAVED       the 100 top keywords of one corpus against another
"""
import glob
import os
import sys

import spacy
from spacy.language import Language


@Language.component("parley_placeholder")
def placeholder(doc):
    return doc


DISABLED = ["parser", "ner", "lemmatizer", "tagger", "senter", "tok2vec", "attribute_ruler"]


def pipeline(folder):
    path = os.path.join(folder, "blank-en")
    if not os.path.isdir(path):
        nlp = spacy.blank("en")
        for name in DISABLED:
            nlp.add_pipe("parley_placeholder", name=name)
        nlp.to_disk(path)
    return path


def saved(folder):
    from conc.corpus import Corpus

    [path] = [p for p in glob.glob(os.path.join(folder, "*")) if os.path.isdir(p) and not p.endswith("blank-en")]
    return Corpus().load(path)


def main():
    task = sys.argv[1]
    if task == "build":
        from conc.corpus import Corpus

        source, save = sys.argv[2], sys.argv[3]
        os.makedirs(save, exist_ok=True)
        # The corpus folder holds a folder per term; conc's file mask is not recursive.
        Corpus("scotus").build_from_files(source_path=source, save_path=save, file_mask="*/*.txt", model=pipeline(save))
        return
    if task == "build-csv":
        from conc.corpus import Corpus

        source, save = sys.argv[2], sys.argv[3]
        os.makedirs(save, exist_ok=True)
        name = os.path.splitext(os.path.basename(source))[0]
        Corpus(name).build_from_csv(source_path=source, save_path=save, text_column="text", model=pipeline(save))
        return
    from conc.conc import Conc

    if task == "freq":
        conc = Conc(saved(sys.argv[2]))
        word = sys.argv[3]
        print(conc.frequencies(restrict_tokens=[word], page_size=0).to_frame())
        print(conc.frequencies(page_size=100).to_frame())
    elif task == "concordance":
        conc = Conc(saved(sys.argv[2]))
        print(conc.concordance(sys.argv[3], page_size=25).to_frame())
    elif task == "keyness":
        conc = Conc(saved(sys.argv[2]))
        conc.set_reference_corpus(saved(sys.argv[3]))
        print(conc.keywords(page_size=100).to_frame())


if __name__ == "__main__":
    main()
