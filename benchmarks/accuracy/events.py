"""Event identity across documents, scored on ECB+ (development topics only).

    python benchmarks/accuracy/events.py --ecbplus PATH [--topics 1-35] [--timeline] [--mentions]

``PATH`` is a folder holding ECB+ topic folders (``1/``, ``2/``, ... each with ``N_Mecb.xml`` and
``N_Mecbplus.xml`` files; CC BY 3.0, from the corpus' public repository). The data never goes into
this repository. Topics 36-45 are held out for judging: they are refused, and folders are filtered
by topic number before any file in them is listed or read.

Each document becomes a seed (its sentences as paragraphs, the first line of an ECB+ document - its
URL - left out); the archive is analysed as a build would (ingest, entities, events) and scored:

* document level: a pair of documents is predicted to share an event when one exported event (an
  event with a page: two or more articles) lists both. Gold: same topic and same sub-topic (ECB+
  puts a second seminal event of the same kind - another time, another place - in each topic's
  ``ecbplus`` sub-topic). Precision, recall and F1 over all pairs, and per topic.
* mention level (``--mentions``): the gold event mentions (ACTION_* and NEG_ACTION_* tags, in the
  annotated sentences) against ours (triggers in those sentences, clustered by event), CoNLL F1 =
  mean of MUC, B-cubed and CEAF-e F1 over mentions matched by overlapping tokens.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from archive_builder.config import Config  # noqa: E402
from archive_builder.pipeline import analyse  # noqa: E402
from archive_builder.render.events_view import has_page  # noqa: E402

HELD_OUT = range(36, 46)
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s|'re|'ve|'ll|'d|n't|'m)(?=\s|$)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_QUOTES = re.compile(r'" (.*?) "')


@dataclass(frozen=True)
class Doc:
    id: str  # seed id: <topic>_<n>ecb or <topic>_<n>ecbplus
    topic: int
    sub: str  # ecb | ecbplus
    text: str
    tokens: dict[str, tuple[int, int, int]]  # t_id -> (sentence, start, end) in text
    gold: dict[str, str]  # m_id of an action mention -> chain id
    mention_tokens: dict[str, tuple[str, ...]]


def topics_arg(text: str) -> list[int]:
    out: set[int] = set()
    for part in text.split(","):
        a, _, b = part.partition("-")
        out.update(range(int(a), int(b or a) + 1))
    held = sorted(out & set(HELD_OUT))
    if held:
        raise SystemExit(f"topics {held} are held out for judging: not loaded")
    return sorted(out)


def _detok(words: list[str]) -> str:
    text = " ".join(words)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    return _QUOTES.sub(r'"\1"', text)


def read_doc(path: Path, topic: int, selected: set[int] | None) -> Doc:
    root = ET.parse(path).getroot()  # noqa: S314 - the corpus' own files, read locally
    by_sentence: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in root.iter("token"):
        by_sentence[int(tok.get("sentence", "0"))].append((tok.get("t_id", ""), tok.text or ""))
    plus = path.name.endswith("ecbplus.xml")
    paragraphs: list[str] = []
    tokens: dict[str, tuple[int, int, int]] = {}
    offset = 0
    for s in sorted(by_sentence):
        if plus and s == 0:
            continue  # the document's URL
        words = [w for _, w in by_sentence[s]]
        para = _detok(words)
        # token offsets: find each word left to right in the detokenised sentence
        pos = 0
        for tid, word in by_sentence[s]:
            found = para.find(word, pos)
            if found >= 0:
                tokens[tid] = (s, offset + found, offset + found + len(word))
                pos = found + len(word)
        paragraphs.append(para)
        offset += len(para) + 2
    mentions: dict[str, tuple[str, ...]] = {}
    markables = root.find("Markables")
    actions: set[str] = set()
    for m in markables if markables is not None else ():
        mid = m.get("m_id", "")
        ids = tuple(a.get("t_id", "") for a in m.findall("token_anchor"))
        if m.tag.startswith(("ACTION", "NEG_ACTION")) and ids:
            actions.add(mid)
            mentions[mid] = ids
    gold: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        chain = rel.get("note") or f"{path.stem}:{rel.get('r_id')}"
        for src in rel.findall("source"):
            if src.get("m_id") in actions:
                gold[src.get("m_id", "")] = chain
    if selected is not None:
        keep = {mid for mid, ids in mentions.items() if ids and tokens.get(ids[0], (-1,))[0] in selected}
        mentions = {k: v for k, v in mentions.items() if k in keep}
    for mid in mentions:
        gold.setdefault(mid, f"{path.stem}:single:{mid}")
    name = path.stem
    return Doc(name, topic, "ecbplus" if plus else "ecb", "\n\n".join(paragraphs) + "\n", tokens, gold, mentions)


def load(folder: Path, topics: list[int]) -> list[Doc]:
    selected = _selected(folder)
    docs: list[Doc] = []
    for topic in topics:
        if topic in HELD_OUT:  # never listed, never read
            continue
        tdir = folder / str(topic)
        if not tdir.is_dir():
            continue
        for path in sorted(tdir.glob("*.xml")):
            docs.append(read_doc(path, topic, selected.get(path.name)))
    return docs


def _selected(folder: Path) -> dict[str, set[int]]:
    """Annotated sentences per document (ECBplus_coreference_sentences.csv), when present."""
    for path in (folder / "ECBplus_coreference_sentences.csv", folder.parent / "ECBplus_coreference_sentences.csv"):
        if path.exists():
            out: dict[str, set[int]] = defaultdict(set)
            with path.open(encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    topic = int(row["Topic"])
                    if topic in HELD_OUT:
                        continue
                    out[f"{topic}_{row['File']}.xml"].add(int(row["Sentence Number"]))
            return out
    return {}


def analyse_docs(docs: list[Doc], work: Path) -> tuple[dict[str, list[str]], object]:
    seeds = work / "seeds"
    seeds.mkdir(parents=True)
    for d in docs:
        (seeds / f"{d.id}.txt").write_text(d.text, encoding="utf-8")
    config = Config(root=work, seeds_dir=seeds, docs_dir=work / "docs", cache=False, jobs=2)
    archive, _ = analyse(config)
    return {e.id: list(e.articles) for e in archive.events.events if has_page(e) and len(e.articles) >= 2}, archive


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def document_scores(docs: list[Doc], events: dict[str, list[str]]) -> None:
    key = {d.id: (d.topic, d.sub) for d in docs}
    predicted = {tuple(sorted(pair)) for arts in events.values() for pair in itertools.combinations(sorted(set(arts)), 2)}
    gold = {(a.id, b.id) if a.id < b.id else (b.id, a.id)
            for a, b in itertools.combinations(docs, 2) if key[a.id] == key[b.id]}
    tp, fp, fn = len(predicted & gold), len(predicted - gold), len(gold - predicted)
    p, r, f = prf(tp, fp, fn)
    wrong_sub = sum(1 for a, b in predicted - gold if key[a][0] == key[b][0])
    print(f"document pairs: gold {len(gold)}, predicted {len(predicted)}; tp {tp}, fp {fp} "
          f"(same topic, other sub-topic: {wrong_sub}; other topic: {fp - wrong_sub}), fn {fn}")
    print(f"document level  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print("\nper topic: gold pairs, tp, fp, fn, F1")
    for topic in sorted({d.topic for d in docs}):
        g = {x for x in gold if key[x[0]][0] == topic}
        pr = {x for x in predicted if key[x[0]][0] == topic or key[x[1]][0] == topic}
        t_ = len(g & pr)
        print(f"  {topic:>2}  {len(g):>4} {t_:>4} {len(pr - g):>4} {len(g - pr):>4}  {prf(t_, len(pr - g), len(g - pr))[2]:.2f}")


def timeline(archive: object, limit: int) -> None:
    events = [e for e in archive.events.events if has_page(e) and len(e.articles) >= 2]  # type: ignore[attr-defined]
    events.sort(key=lambda e: (e.date is None, e.date or 0, e.label))
    print(f"\ntimeline: {len(events)} events reported by two or more documents (first {limit})")
    for e in events[:limit]:
        when = e.date.isoformat() if e.date else "undated"
        print(f"  {when:<10} {e.date_precision:<7} {e.label}  [{len(e.articles)} docs]")


# --------------------------------------------------------------------------- mention level (CoNLL)


def _muc(key: list[set[str]], resp: list[set[str]]) -> tuple[float, float]:
    def part(a: list[set[str]], b: list[set[str]]) -> float:
        owner = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {owner.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0
    return part(key, resp), part(resp, key)


def _b3(key: list[set[str]], resp: list[set[str]]) -> tuple[float, float]:
    kc = {m: c for c in key for m in c}
    rc = {m: c for c in resp for m in c}
    def part(a: dict[str, set[str]], b: dict[str, set[str]]) -> float:
        return sum(len(a[m] & b.get(m, {m})) / len(a[m]) for m in a) / len(a) if a else 0.0
    return part(kc, rc), part(rc, kc)


def _ceafe(key: list[set[str]], resp: list[set[str]]) -> tuple[float, float]:
    """CEAF-e with a greedy alignment (best pairs first): a lower bound of the optimal alignment's
    score, close to it when clusters overlap little (no SciPy needed)."""
    if not key or not resp:
        return 0.0, 0.0
    owner = {m: j for j, r in enumerate(resp) for m in r}
    pairs = sorted(((2 * len(k & resp[j]) / (len(k) + len(resp[j])), i, j)
                    for i, k in enumerate(key) for j in {owner[m] for m in k if m in owner}), reverse=True)
    used_k: set[int] = set()
    used_r: set[int] = set()
    total = 0.0
    for sim, i, j in pairs:
        if i not in used_k and j not in used_r:
            used_k.add(i)
            used_r.add(j)
            total += sim
    return total / len(key), total / len(resp)


def mention_scores(docs: list[Doc], archive: object) -> None:
    ours: dict[tuple[str, str], str] = {}
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for m in archive.events.mentions:  # type: ignore[attr-defined]
        spans[m.article].append((m.start, m.end, m.event))
    key: dict[str, set[str]] = defaultdict(set)
    resp: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for mid, tids in d.mention_tokens.items():
            name = f"{d.id}:{mid}"
            key[d.gold[mid]].add(name)
            offs = [d.tokens[t] for t in tids if t in d.tokens]
            if not offs:
                continue
            lo, hi = min(o[1] for o in offs), max(o[2] for o in offs)
            hit = next((ev for s, e, ev in spans.get(d.id, ()) if s < hi and lo < e), None)
            if hit is not None:
                ours[(d.id, mid)] = hit
                resp[hit].add(name)
    gold_mentions = {m for c in key.values() for m in c}
    # unmatched gold mentions count as singletons of the response (standard for gold-mention scoring)
    for m in gold_mentions - {x for c in resp.values() for x in c}:
        resp[f"single:{m}"].add(m)
    k, r = list(key.values()), list(resp.values())
    scores = {"MUC": _muc(k, r), "B3": _b3(k, r), "CEAF-e*": _ceafe(k, r)}
    found = len({x for x in ours})
    print(f"\nmention level: {len(gold_mentions)} gold action mentions in annotated sentences, "
          f"{found} inside one of our event mentions")
    f1s = []
    for name, (rec, prec) in scores.items():
        f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        f1s.append(f)
        print(f"  {name:<7} P {prec:.3f}  R {rec:.3f}  F1 {f:.3f}")
    print(f"  CoNLL F1 {sum(f1s) / 3:.3f}   (* CEAF-e aligned greedily: a lower bound)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ecbplus", type=Path, required=True, help="folder of ECB+ topic folders")
    parser.add_argument("--topics", default="1-35", help="development topics (default 1-35; 36-45 are refused)")
    parser.add_argument("--timeline", type=int, default=0, help="print the first N events of the timeline")
    parser.add_argument("--mentions", action="store_true", help="also score event mention clusters (CoNLL F1)")
    args = parser.parse_args(argv)
    docs = load(args.ecbplus, topics_arg(args.topics))
    if not docs:
        print(f"no ECB+ documents under {args.ecbplus}", file=sys.stderr)
        return 2
    subs = Counter((d.topic, d.sub) for d in docs)
    print(f"{len(docs)} documents, {len({d.topic for d in docs})} topics, {len(subs)} sub-topics")
    with tempfile.TemporaryDirectory() as tmp:
        events, archive = analyse_docs(docs, Path(tmp))
    print(f"{len(events)} exported events joining two or more documents")
    document_scores(docs, events)
    if args.mentions:
        mention_scores(docs, archive)
    if args.timeline:
        timeline(archive, args.timeline)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
