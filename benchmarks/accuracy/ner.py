"""Entity recognition accuracy: exact span + type for people (PER), organizations (ORG) and places (LOC).

    python -m benchmarks.accuracy.ner conll PATH/eng.testa [--limit N] [--errors K]
    python -m benchmarks.accuracy.ner articles DIR [--gold benchmarks/accuracy/gold/ner-articles.yml]
    python -m benchmarks.accuracy.ner crf PATH/eng.testa [--model FILE]

``conll``: each document of a CoNLL-2003 file (``-DOCSTART-`` separated; IOB1, IOB2 or IOBES tags in the
last column) is written as a ``.txt`` seed (one paragraph per sentence, the document's first line its
headline) into a temporary project, read by the real ingest stage and resolved by the real entity stage;
the predicted spans are the index's mentions in every field but the credits (body, headline, kicker,
dek, dateline, caption), typed by their entity (person -> PER, organization -> ORG, place -> LOC).
Gold names are placed by their seed offsets in the archived text that holds them (``segments``); a
gold name no archived text holds counts as missed. MISC is ignored. The data is research-only: pass
its path, never commit it.

``crf``: the statistical recognizer alone (``--model``, the packaged weights by default) on the CoNLL
file's own tokens, sentence by sentence, with the lexicon's word lists: how a retrained model compares
before it replaces the packaged one.

``articles``: each ``<id>.txt`` of DIR (real articles kept out of the repository) against the gold file,
which lists per article the names (text, type) a reader marks; a gold name counts once per occurrence
in the archived body.

Prints precision, recall and F1 per type and micro, and the commonest errors. Asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from archive_builder import entities
from archive_builder.config import load_config
from archive_builder.entities import head_texts
from archive_builder.entities.lexicon import load_lexicon
from archive_builder.model import Article, EntityIndex
from archive_builder.pipeline import ingest

TYPES = ("PER", "ORG", "LOC")
_KIND = {"person": "PER", "organization": "ORG", "place": "LOC"}
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m)$", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "$"}

Span = tuple[str, int, int, str]  # article id, start, end, type


@dataclass(frozen=True, slots=True)
class Doc:
    sentences: tuple[tuple[tuple[str, str], ...], ...]  # (token, tag) per sentence


def read_conll(path: Path) -> list[Doc]:
    docs: list[Doc] = []
    sents: list[tuple[tuple[str, str], ...]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines() + [""]:
        parts = line.split()
        if not parts:
            if cur:
                sents.append(tuple(cur))
                cur = []
            continue
        if parts[0] == "-DOCSTART-":
            if cur:
                sents.append(tuple(cur))
                cur = []
            if sents:
                docs.append(Doc(tuple(sents)))
            sents = []
            continue
        cur.append((parts[0], parts[-1]))
    if sents:
        docs.append(Doc(tuple(sents)))
    return docs


def _spans(tags: list[str]) -> Iterator[tuple[int, int, str]]:
    """Entity spans (first token, past-last token, type) of IOB1/IOB2/IOBES tags."""
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        begins = prefix in ("B", "S") or (prefix in ("I", "E") and typ != kind)
        if start >= 0 and (prefix == "O" or begins):
            yield start, i, kind
            start, kind = -1, ""
        if prefix != "O" and start < 0:
            start, kind = i, typ
        if prefix in ("E", "S") and start >= 0:
            yield start, i + 1, kind
            start, kind = -1, ""


def _sentence_text(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    out, offs = "", []
    for i, tok in enumerate(tokens):
        if i and not _NO_SPACE_BEFORE.match(tok) and tokens[i - 1] not in _NO_SPACE_AFTER:
            out += " "
        offs.append((len(out), len(out) + len(tok)))
        out += tok
    return out, offs


def write_conll_seeds(docs: list[Doc], seeds: Path) -> dict[str, list[tuple[str, int, int, str]]]:
    """Write each document as ``dNNNN.txt``; returns per id the gold names as (text, seed offset...)."""
    gold: dict[str, list[tuple[str, int, int, str]]] = {}
    for n, doc in enumerate(docs):
        doc_id = f"d{n:04d}"
        text = ""
        names: list[tuple[str, int, int, str]] = []
        for sent in doc.sentences:
            toks = [t for t, _ in sent]
            line, offs = _sentence_text(toks)
            for a, b, typ in _spans([tag for _, tag in sent]):
                if typ in TYPES:
                    s, e = len(text) + offs[a][0], len(text) + offs[b - 1][1]
                    names.append((line[offs[a][0] : offs[b - 1][1]], s, e, typ))
            text += line + "\n\n"
        (seeds / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        gold[doc_id] = names
    return gold


def segments(article: Article) -> list[tuple[str, str]]:
    """The archived texts of an article whose names are mentions, in the seed's order: (key, text),
    the key ``id`` for the body, ``id|field|part`` for the headline, kicker, dek, caption and dateline."""
    heads = {(f, p): t for f, p, t in head_texts(article)}
    if article.caption:
        heads[("caption", 0)] = article.caption
    order: list[tuple[str, int]] = []
    chrome_seen: set[int] = set()
    for block in article.blocks:
        if block.kind == "headline":
            at = [("headline", 0)]
        elif block.kind == "caption":
            at = [("caption", 0)]
        elif block.kind in ("date", "dateline"):
            at = [("dateline", 0)]
        elif block.kind in ("kicker", "dek"):
            at = [(f, p) for f, p in heads if f == block.kind and p not in chrome_seen
                  and article.chrome[p] == block.text][:1]
            chrome_seen.update(p for _, p in at)
        else:
            continue
        order += [k for k in at if k in heads and k not in order]
    order += [k for k in sorted(heads) if k not in order]
    return [(f"{article.id}|{f}|{p}", heads[(f, p)]) for f, p in order] + [(article.id, article.body)]


def _pieces(article: Article, seed: str) -> list[tuple[int, int, str, int]]:
    """Where the archived texts sit in the seed: (seed start, seed end, segment key, offset in that
    segment). Body paragraphs are found in order; each other text at its first place in the seed
    outside the body and the texts already placed."""
    out: list[tuple[int, int, str, int]] = []
    cursor = 0
    for start, end in article.paragraphs:
        at = seed.find(article.body[start:end], cursor)
        if at >= 0:
            out.append((at, at + end - start, article.id, start))
            cursor = at + end - start
    for key, text in segments(article)[:-1]:
        at = seed.find(text)
        while at >= 0 and any(a < at + len(text) and at < b for a, b, *_ in out):
            at = seed.find(text, at + 1)
        if at >= 0 and text:
            out.append((at, at + len(text), key, 0))
    return out


def _locate(article: Article, seed: str, names: list[tuple[str, int, int, str]]) -> tuple[set[Span], Counter[str]]:
    """Gold names (seed offsets) as offsets in the archived texts (``segments``) that hold them;
    returns (spans, per type how many no archived text holds)."""
    found: set[Span] = set()
    lost: Counter[str] = Counter()
    pieces = _pieces(article, seed)
    texts = dict(segments(article))
    for text, s, e, typ in names:
        for a, b, key, offset in pieces:
            if a <= s and e <= b and texts[key][offset + s - a : offset + e - a] == text:
                found.add((key, offset + s - a, offset + e - a, typ))
                break
        else:
            lost[typ] += 1
    return found, lost


def predicted(index: EntityIndex) -> set[Span]:
    """Every mention but reporters' (credits, byline), keyed as ``segments`` keys its text."""
    kinds = {e.id: _KIND.get(e.type, "") for e in index.entities}
    return {(m.article if m.field == "body" else f"{m.article}|{m.field}|{m.part}", m.start, m.end, kinds[m.entity])
            for m in index.mentions if m.field not in ("credits", "byline") and kinds.get(m.entity) in TYPES}


def run_project(root: Path) -> tuple[tuple[Article, ...], EntityIndex, float]:
    cfg = load_config(root / "mkdocs.yml", cache=False)
    articles, curation, _ = ingest(cfg)
    lex = load_lexicon()  # loaded once per build: not counted in the entity stage's time
    began = time.process_time()  # CPU time of this process: tokens/s per core, whatever else runs
    index, _ = entities.resolve(articles, curation, lex)
    return articles, index, time.process_time() - began


def score(gold: set[Span], pred: set[Span], texts: dict[str, str], lost: Counter[str], errors: int, took: float,
          tokens: int) -> None:
    """``lost``: gold names per type that no archived text holds; they count as missed."""
    articles = len(texts)
    print(f"{'type':5} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6}")
    rows = [*TYPES, "micro"]
    for typ in rows:
        g = {s for s in gold if typ in (s[3], "micro")}
        p = {s for s in pred if typ in (s[3], "micro")}
        tp = len(g & p)
        total = len(g) + (sum(lost.values()) if typ == "micro" else lost[typ])
        prec = tp / len(p) if p else 0.0
        rec = tp / total if total else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{typ:5} {total:6} {len(p):6} {prec:6.3f} {rec:6.3f} {f1:6.3f}")
    print(f"gold names in no archived text (counted as missed): "
          f"{sum(lost.values())} ({', '.join(f'{t} {lost[t]}' for t in TYPES)})")
    print(f"entity stage: {took:.2f} s of CPU for {tokens:,} tokens = {tokens / took:,.0f} tokens/s per core, "
          f"{took / max(articles, 1) * 1000:.1f} ms per article" if took else "")
    if errors:
        _errors(gold, pred, texts, errors)


def _errors(gold: set[Span], pred: set[Span], texts: dict[str, str], k: int) -> None:
    by_span_g = {s[:3]: s[3] for s in gold}
    by_span_p = {s[:3]: s[3] for s in pred}
    kinds: Counter[str] = Counter()
    for span, typ in by_span_g.items():
        got = by_span_p.get(span)
        word = texts[span[0]][span[1] : span[2]]
        if got != typ:
            kinds[f"missed {typ}: {word}" if got is None else f"{typ} typed {got}: {word}"] += 1
    for span, typ in by_span_p.items():
        if span not in by_span_g:
            kinds[f"spurious {typ}: {texts[span[0]][span[1] : span[2]]}"] += 1
    print(f"\ncommonest errors (top {k}):")
    for what, n in kinds.most_common(k):
        print(f"{n:5}  {what}")
    for label in ("missed", "typed", "spurious"):
        print(f"{label}: {sum(n for w, n in kinds.items() if label in w.split(':')[0])}", end="  ")
    print()


def _project(tmp: str) -> Path:
    root = Path(tmp)
    (root / "seeds").mkdir()
    (root / "mkdocs.yml").write_text("site_name: accuracy\n", encoding="utf-8")
    return root


def run_conll(path: Path, limit: int | None, errors: int) -> None:
    docs = read_conll(path)[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        root = _project(tmp)
        gold_by_doc = write_conll_seeds(docs, root / "seeds")
        seeds = {p.stem: p.read_text(encoding="utf-8") for p in (root / "seeds").iterdir()}
        articles, index, took = run_project(root)
    gold: set[Span] = set()
    read = {a.id for a in articles}
    lost: Counter[str] = Counter(typ for k, v in gold_by_doc.items() if k not in read for *_, typ in v)
    texts: dict[str, str] = {}
    for article in articles:
        spans, missing = _locate(article, seeds[article.id], gold_by_doc[article.id])
        lost += missing
        gold |= spans
        texts.update(segments(article))
    tokens = sum(len(s) for d in docs for s in d.sentences)
    print(f"{path.name}: {len(docs)} documents, {tokens:,} tokens, {len(articles)} articles read")
    score(gold, predicted(index), texts, lost, errors, took, tokens)


def run_articles(folder: Path, gold_file: Path, errors: int) -> None:
    table = yaml.safe_load(gold_file.read_text(encoding="utf-8")) or {}
    with tempfile.TemporaryDirectory() as tmp:
        root = _project(tmp)
        for item in table.get("articles", []):
            src = folder / f"{item['id']}.txt"
            if src.is_file():
                (root / "seeds" / src.name).write_bytes(src.read_bytes())
            else:
                print(f"{src}: missing (fetch the article text first); left out", file=sys.stderr)
        articles, index, took = run_project(root)
    by_id = {a.id: a for a in articles}
    gold: set[Span] = set()
    for item in table.get("articles", []):
        article = by_id.get(item["id"])
        if article is None:
            continue
        claimed: list[tuple[int, int]] = []  # longest names first: ``Morrison`` inside ``Denise Morrison`` is not a name
        for name in sorted(item.get("names", []), key=lambda n: (-len(n["text"]), n["text"])):
            text, typ = name["text"], name["type"]
            for m in re.finditer(rf"(?<![\w-]){re.escape(text)}(?![\w-])", article.body):
                if not any(a < m.end() and m.start() < b for a, b in claimed):
                    claimed.append(m.span())
                    gold.add((article.id, m.start(), m.end(), typ))
    tokens = sum(len(a.body.split()) for a in articles)
    print(f"{folder}: {len(articles)} articles, {tokens:,} words")
    score(gold, predicted(index), {a.id: a.body for a in articles}, Counter(), errors, took, tokens)


def run_crf(path: Path, model: Path | None) -> None:
    """Span P/R/F1 per type of the statistical recognizer alone on the file's own tokens."""
    import pycrfsuite  # type: ignore[import-untyped]

    from archive_builder.entities.lexicon import load_lexicon
    from archive_builder.entities.statistical import WordFeatures, decode, features

    recognizer = load_lexicon().recognizer
    assert recognizer is not None
    tagger = pycrfsuite.Tagger()
    if model is None:
        tagger.open_inmemory(recognizer.model)
    else:
        tagger.open(str(model))
    counts = {t: [0, 0, 0] for t in TYPES}  # gold, predicted, correct
    cache: dict[str, WordFeatures] = {}
    tokens = 0
    began = time.process_time()
    for doc in read_conll(path):
        for sent in doc.sentences:
            words = [w for w, _ in sent]
            tokens += len(words)
            gold = {s for s in _spans([t for _, t in sent]) if s[2] in counts}
            pred = {s for s in decode(tagger.tag(features(words, recognizer.know, cache))) if s[2] in counts}
            for _, _, typ in gold:
                counts[typ][0] += 1
            for _, _, typ in pred:
                counts[typ][1] += 1
            for _, _, typ in gold & pred:
                counts[typ][2] += 1
    took = time.process_time() - began
    print(f"{path.name}: {tokens:,} tokens, model {model or 'packaged'}")
    print("type    gold   pred      P      R     F1")
    for name, (g, p, c) in [*counts.items(), ("micro", [sum(v[i] for v in counts.values()) for i in range(3)])]:
        prec, rec = (c / p if p else 0.0), (c / g if g else 0.0)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{name:<6} {g:>5} {p:>6}  {prec:.3f}  {rec:.3f}  {f1:.3f}")
    print(f"recognizer alone: {took:.2f} s of CPU = {tokens / took:,.0f} tokens/s per core")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy.ner", description=__doc__.split("\n\n")[0])
    parser.add_argument("set", choices=("conll", "articles", "crf"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--gold", type=Path, default=Path(__file__).parent / "gold" / "ner-articles.yml")
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--errors", type=int, default=25, help="how many of the commonest errors to print")
    parser.add_argument("--model", type=Path, default=None, help="crf: a CRFsuite model file to score")
    args = parser.parse_args(argv)
    if args.set == "conll":
        run_conll(args.path, args.limit, args.errors)
    elif args.set == "crf":
        run_crf(args.path, args.model)
    else:
        run_articles(args.path, args.gold, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
