#!/usr/bin/env python3
"""Counts turns and speakers in ../shared/corpora with the Python standard library alone, as an
independent check of Parley's readers (SharedCorporaTests holds the figures it prints).

Usage: python3 Tests/Scripts/shared_corpus_counts.py [PATH-TO-shared/corpora]
"""
import collections
import csv
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/corpora")
WS = "[\\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0085]"


def files(folder, ext):
    return sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs if f.endswith(ext))


def whitehouse():
    """Documents, titles and dates from the front matter; paragraphs opening with Q and white
    space (questions) and with three labels."""
    docs = titles = 0
    dates = []
    counts = collections.Counter()
    for path in files(os.path.join(ROOT, "whitehouse/press-briefings"), ".md"):
        text = open(path, encoding="utf-8").read()
        docs += 1
        front = re.match(r"---\n(.*?)\n---\n", text, re.S)
        if re.search(r"^title:", front.group(1), re.M):
            titles += 1
        dates.append(re.search(r"^date: '?([0-9-]+)", front.group(1), re.M).group(1))
        paragraph = []
        paragraphs = []
        for line in text[front.end():].split("\n"):
            if re.fullmatch(WS + "*", line):
                if paragraph:
                    paragraphs.append(paragraph)
                paragraph = []
            else:
                paragraph.append(line)
        if paragraph:
            paragraphs.append(paragraph)
        for lines in paragraphs:
            first = re.sub("^" + WS + "+", "", lines[0])
            if re.match("Q(?!\n)" + WS, first) or first.startswith("Q:"):
                counts["Q"] += 1
            for name in ["MS. JEAN-PIERRE", "MS. PSAKI", "MR. KIRBY"]:
                # A label may be printed with a run of spaces inside ("MS.  PSAKI:").
                if re.match(re.escape(name).replace("\\ ", WS + "+") + ":" + WS, first + " "):
                    counts[name] += 1
    june_or_later = sum(1 for d in dates if d >= "2021-06")
    print(f"whitehouse: {docs} documents, {titles} titles, {june_or_later} dated 2021-06 or later, turns {dict(counts)}")


def office():
    """Rows with text, by character; episodes by (season, episode)."""
    with open(os.path.join(ROOT, "office/schrute.csv"), encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["text"].strip()]
    speakers = collections.Counter(row["character"].strip() for row in rows)
    episodes = {(row["season"], row["episode"]) for row in rows}
    print(f"office: {len(rows)} turns, {len(speakers)} speakers, {len(episodes)} episodes, "
          f"Michael {speakers['Michael']}, Dwight {speakers['Dwight']}, season 3 {sum(1 for r in rows if r['season'] == '03')}")


def childes():
    """Main tiers (*CODE:) by code."""
    codes = collections.Counter()
    for path in files(os.path.join(ROOT, "childes-eve"), ".cha"):
        for line in open(path, encoding="utf-8"):
            match = re.match(r"\*([A-Z0-9]+):", line)
            if match:
                codes[match.group(1)] += 1
    print(f"childes-eve: {sum(codes.values())} turns, {len(codes)} speakers, {dict(codes)}")


def shakespeare():
    """<sp> elements per play and the distinct who values."""
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    for path in files(os.path.join(ROOT, "shakespeare-tei"), ".xml"):
        root = ET.parse(path).getroot()
        sps = root.findall(".//tei:body//tei:sp", ns)
        who = collections.Counter(sp.get("who") for sp in sps)
        title = root.find(".//tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", ns).text
        hamlet = who.get("#Hamlet_Ham", 0)
        print(f"shakespeare {os.path.basename(path)}: {len(sps)} turns, {len(who)} who values, title {title!r}, Hamlet {hamlet}")


def webvtt():
    """Cues; voice spans (each <v Name> runs to its </v> or the next <v>, text outside a voice
    has none); turns: runs of spans with one voice, and each span without a voice."""
    for path in files(os.path.join(ROOT, "webvtt"), ".vtt"):
        blocks = re.split(r"\n[ \t]*\n", open(path, encoding="utf-8").read().strip())
        cues = [b for b in blocks if "-->" in b]
        turns = 0
        previous = None
        voices = collections.Counter()
        for cue in cues:
            lines = cue.split("\n")
            timing = next(index for index, line in enumerate(lines) if "-->" in line)
            payload = "\n".join(lines[timing + 1:])
            spans = []
            voice = None
            for piece in re.split(r"(<v(?:\.[^ >]*)? [^>]+>|</v>)", payload):
                if piece.startswith("<v"):
                    voice = re.match(r"<v(?:\.[^ >]*)? ([^>]+)>", piece).group(1).strip()
                elif piece == "</v>":
                    voice = None
                elif re.sub(r"<[^>]*>", "", piece).strip():
                    spans.append(voice)
            for name in spans:
                if name is None or name != previous:
                    turns += 1
                if name:
                    voices[name] += 1
                previous = name
        print(f"webvtt {os.path.basename(path)}: {len(cues)} cues, {turns} turns, {len(voices)} voices")


for count in (whitehouse, office, childes, shakespeare, webvtt):
    count()
