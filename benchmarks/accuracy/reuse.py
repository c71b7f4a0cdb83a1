"""Accuracy of text-reuse detection, typing and direction on a labelled set of text pairs.

    python benchmarks/accuracy/reuse.py PATH [--texts DIR] [--show-errors] [--jobs N]

PATH is one of
* a folder holding Clough and Stevenson's corpus of plagiarised short answers
  (``file_information.csv``, ``orig_task[a-e].txt``, ``g*p*_task*.txt``); each answer is paired with
  its task's Wikipedia source. Its categories map to the newsroom labels as the corpus's authors
  mapped them to METER's: ``cut`` (near copy) and ``light`` revision -> wholly derived, ``heavy``
  revision -> partially derived, ``non`` (written without the source) -> not derived;
* a manifest (``.yml``) listing ``documents`` (``id``, ``file`` under ``--texts`` or next to the
  manifest) and ``pairs`` (``source``, ``target``, ``label``: wholly | partially | non, optional
  ``direction: false`` when neither text is the other's source), as
  ``benchmarks/accuracy/gold/reuse-pairs.yml`` and ``synthetic.py`` write them.

Every text becomes one seed of a fresh archive (plain text, as written), the archive is analysed
by the real pipeline (ingest, entities, events, provenance) and each labelled pair is looked up
among the relations found. A pair is predicted *wholly* derived when its relation is a
republication or revision, *partially* when an excerpt, quotation or summary, and *not derived*
when there is no relation or a ``common-source`` one. Direction is scored on the derived pairs
found: right (the labelled source is the relation's source and the direction is stated), unknown
(``direction_known`` false), or confidently reversed.

The texts are never copied into the repository: the path is read where it lies.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from archive_builder import pipeline  # noqa: E402
from archive_builder.config import Config  # noqa: E402
from archive_builder.model import Relation  # noqa: E402

LABELS = ("wholly", "partially", "non")
WHOLLY = frozenset({"republication", "revision"})
PARTIALLY = frozenset({"excerpt", "quotation", "summary"})
CLOUGH = {"cut": "wholly", "light": "wholly", "heavy": "partially", "non": "non"}


@dataclass(frozen=True, slots=True)
class Pair:
    source: str
    target: str
    label: str  # wholly | partially | non
    directed: bool = True  # False: neither is the other's source (two reprints): direction not scored


@dataclass(frozen=True, slots=True)
class LabelledSet:
    texts: dict[str, str]  # document id -> text
    pairs: tuple[Pair, ...]


def _clough(folder: Path) -> LabelledSet:
    texts: dict[str, str] = {}
    pairs: list[Pair] = []
    with (folder / "file_information.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        category = row["Category"].strip()
        if category not in CLOUGH:  # 'orig' rows in some copies
            continue
        name = row["File"].strip()
        source = f"orig_task{row['Task'].strip()}"
        for doc, file in ((source, folder / f"{source}.txt"), (Path(name).stem, folder / name)):
            if doc not in texts:
                texts[doc] = file.read_bytes().decode("utf-8", errors="replace")
        pairs.append(Pair(source, Path(name).stem, CLOUGH[category]))
    return LabelledSet(texts, tuple(pairs))


def _manifest(path: Path, texts_dir: Path | None) -> LabelledSet:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    base = texts_dir or path.parent
    texts: dict[str, str] = {}
    missing: list[str] = []
    for doc in data.get("documents", []):
        file = base / str(doc.get("file", f"{doc['id']}.txt"))
        if not file.exists():
            missing.append(str(doc["id"]))
            continue
        texts[str(doc["id"])] = file.read_text(encoding="utf-8")
    if missing:
        print(f"{len(missing)} document(s) have no text under {base} and are left out: {', '.join(missing[:8])}",
              file=sys.stderr)
    pairs = tuple(Pair(str(p["source"]), str(p["target"]), str(p["label"]), bool(p.get("direction", True)))
                  for p in data.get("pairs", []) if str(p["source"]) in texts and str(p["target"]) in texts)
    return LabelledSet(texts, pairs)


def load(path: Path, texts_dir: Path | None = None) -> LabelledSet:
    if path.is_dir() and (path / "file_information.csv").exists():
        return _clough(path)
    if path.suffix in {".yml", ".yaml"}:
        return _manifest(path, texts_dir)
    raise SystemExit(f"{path}: neither a Clough-Stevenson folder (file_information.csv) nor a .yml manifest")


def relations(data: LabelledSet, jobs: int) -> tuple[Relation, ...]:
    """Every text a seed of one archive; the relations the pipeline finds between them."""
    with tempfile.TemporaryDirectory(prefix="reuse-accuracy-") as tmp:
        root = Path(tmp)
        seeds = root / "seeds"
        seeds.mkdir()
        for doc, text in data.texts.items():
            (seeds / f"{doc}.txt").write_text(text, encoding="utf-8")
        config = Config(root=root, seeds_dir=seeds, docs_dir=root / "docs", cache=False, jobs=jobs)
        archive, _ = pipeline.analyse(config)
        return archive.provenance.relations


def predicted(rel: Relation | None) -> str:
    if rel is None or rel.relation == "common-source":
        return "non"
    return "wholly" if rel.relation in WHOLLY else "partially"


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(data: LabelledSet, found: tuple[Relation, ...], show_errors: bool = False) -> dict[str, object]:
    between: dict[frozenset[str], Relation] = {}
    for rel in found:
        if rel.source.article and rel.target.article:
            between[frozenset((rel.source.article, rel.target.article))] = rel
    confusion: Counter[tuple[str, str]] = Counter()
    direction: Counter[str] = Counter()
    errors: list[str] = []
    for pair in data.pairs:
        rel = between.get(frozenset((pair.source, pair.target)))
        guess = predicted(rel)
        confusion[(pair.label, guess)] += 1
        if guess != pair.label:
            why = "; ".join(rel.reasons) if rel else "no relation"
            errors.append(f"{pair.source} -> {pair.target}: {pair.label}, predicted {guess}"
                          f" ({rel.relation if rel else '-'}): {why}")
        if rel is not None and pair.label != "non" and guess != "non" and pair.directed:
            if not rel.direction_known:
                direction["unknown"] += 1
            elif rel.source.article == pair.source:
                direction["right"] += 1
            else:
                direction["reversed"] += 1
                errors.append(f"{pair.source} -> {pair.target}: direction reversed: {'; '.join(rel.reasons)}")
    tp = sum(n for (gold, guess), n in confusion.items() if gold != "non" and guess != "non")
    fp = sum(n for (gold, guess), n in confusion.items() if gold == "non" and guess != "non")
    fn = sum(n for (gold, guess), n in confusion.items() if gold != "non" and guess == "non")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    per_class = {}
    for label in LABELS:
        ltp = confusion[(label, label)]
        lp = ltp / sum(confusion[(g, label)] for g in LABELS) if sum(confusion[(g, label)] for g in LABELS) else 0.0
        lr = ltp / sum(confusion[(label, g)] for g in LABELS) if sum(confusion[(label, g)] for g in LABELS) else 0.0
        per_class[label] = (lp, lr, _f1(lp, lr))
    labelled = {frozenset((pair.source, pair.target)) for pair in data.pairs}
    extra = Counter(rel.relation for key, rel in between.items() if key not in labelled)
    return {"pairs": len(data.pairs), "texts": len(data.texts), "confusion": confusion, "p": p, "r": r,
            "f1": _f1(p, r), "per_class": per_class,
            "macro_f1": sum(v[2] for v in per_class.values()) / len(LABELS), "direction": direction,
            "unlabelled_links": extra, "errors": errors if show_errors else []}


def report(result: dict[str, object]) -> str:
    confusion = result["confusion"]
    per_class = result["per_class"]
    direction = result["direction"]
    assert isinstance(confusion, Counter) and isinstance(per_class, dict) and isinstance(direction, Counter)
    lines = [f"{result['texts']} texts, {result['pairs']} labelled pairs",
             f"derived vs not: P {result['p']:.3f}  R {result['r']:.3f}  F1 {result['f1']:.3f}",
             f"wholly / partially / non: macro-F1 {result['macro_f1']:.3f}",
             "  " + "  ".join(f"{k}: P {v[0]:.2f} R {v[1]:.2f} F1 {v[2]:.2f}" for k, v in per_class.items()),
             "  confusion (rows gold, columns predicted):",
             "  " + " " * 10 + "".join(f"{g:>10}" for g in LABELS)]
    for gold in LABELS:
        lines.append("  " + f"{gold:<10}" + "".join(f"{confusion[(gold, g)]:>10}" for g in LABELS))
    links = sum(direction.values())
    if links:
        lines.append(f"direction on {links} derived links found: " + ", ".join(
            f"{k} {direction[k]} ({direction[k] / links:.1%})" for k in ("right", "unknown", "reversed")))
    else:
        lines.append("direction: no derived link found")
    extra = result["unlabelled_links"]
    assert isinstance(extra, Counter)
    lines.append("links between texts not labelled as a pair: "
                 + (", ".join(f"{k} {n}" for k, n in sorted(extra.items())) or "none"))
    errors = result["errors"]
    assert isinstance(errors, list)
    lines += ["", *errors] if errors else []
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--texts", type=Path, default=None, help="folder of the manifest's texts")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    data = load(args.path, args.texts)
    print(report(score(data, relations(data, args.jobs), args.show_errors)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
