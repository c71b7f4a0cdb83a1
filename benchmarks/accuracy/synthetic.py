"""Synthetic labelled reuse: wire stories written for this project and newsroom-style rewrites of them.

    python benchmarks/accuracy/synthetic.py OUT [--seed 7] [--copies 3]

Writes ``OUT/labels.yml`` (documents and labelled pairs, the manifest ``reuse.py`` reads) and one
text per document. Every text is made here from the short wire stories below (our own writing), so
the set may be committed and shared; it is still development data, not a benchmark of real copy.

For each wire story it writes, ``--copies`` times with different random choices:

* ``trim``: a reprint trimmed from the bottom (20-60 % of the sentences kept), a headline of its
  own, light house-style edits -> *wholly* derived;
* ``rewrite``: the kept sentences reordered (lede kept first), synonyms swapped, attributions
  recast (``X said`` -> ``according to X``), one sentence of the paper's own added -> *wholly*;
* ``partial``: the paper's own local story (its own sentences) with two or three wire sentences,
  some rewritten -> *partially* derived;
* ``quotes``: the paper's own story of the same event quoting the same people, word for word, with
  none of the wire's narrative -> *not* derived (common source);

and one ``update`` per story: a short wire update (three wire sentences under the agency's dateline)
and a longer paper story built from it with its own reporting -> *partially* derived, the update
being the source though it is the shorter text and "mostly made of" the other.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Story:
    key: str
    agency: str
    dateline: str
    wire: tuple[str, ...]  # the wire story's sentences, in order
    own: tuple[str, ...]  # a local paper's own sentences about the same event (not from the wire)
    quotes: tuple[str, ...]  # quotations both may carry (a common source)


STORIES = (
    Story(
        "court", "AP", "LEEDS, England (AP) \u2014",
        ("A former care home manager was jailed for six years on Tuesday for stealing more than 200,000 pounds "
         "from elderly residents over a decade.",
         "Judge Helen Marsh told Leeds Crown Court that Graham Pell had treated the residents' savings accounts "
         "as his own bank.",
         "Pell, 58, admitted 14 counts of fraud by abuse of position at an earlier hearing.",
         "Prosecutors said he forged signatures on withdrawal slips and hid the losses by inventing invoices for "
         "repairs that were never carried out.",
         "The thefts came to light when an auditor noticed that a boiler had been paid for three times in a year.",
         "Detective Sergeant Ann Cole of West Yorkshire Police said the victims' families had been left "
         "devastated.",
         "Several residents died before the money was recovered, the court heard.",
         "Pell's lawyer said his client had gambling debts and was deeply ashamed.",
         "The care home's owners said they had repaid every family in full and changed their audit rules."),
        ("Relatives of residents at the Beech Lawn home in Headingley gathered outside the court in the rain.",
         "Our reporter spoke to a daughter who said her mother had trusted the manager like a son.",
         "Beech Lawn opened in 1998 and looks after 40 residents, most of them over 85.",
         "The council's adult services committee will review inspections of private homes next month.",
         "Local MP Sarah Dunn has written to the health secretary asking for tighter checks on care home "
         "finances."),
        ("\u201cYou betrayed people who could not defend themselves and who trusted you completely,\u201d the "
         "judge told Pell.",
         "\u201cThis was a cold and calculated fraud on the most vulnerable people in our community,\u201d "
         "Detective Sergeant Cole said outside court."),
    ),
    Story(
        "fire", "Reuters", "MANCHESTER (Reuters) -",
        ("More than 60 firefighters battled a blaze at a paint factory in east Manchester overnight, forcing "
         "hundreds of families to keep their windows shut against toxic smoke.",
         "The fire broke out shortly after 11 p.m. on Sunday in a warehouse storing solvents at the Ardwick "
         "industrial estate, the fire service said.",
         "Nobody was injured, but two workers were treated for smoke inhalation at the scene.",
         "Crews used a high-volume pump to draw water from the nearby canal after hydrants ran low.",
         "Residents within half a mile were told to stay indoors until the smoke cleared on Monday morning.",
         "The factory, owned by Northern Coatings, employs about 120 people and supplies paint to car makers.",
         "Investigators have not yet established the cause, and the company said it was cooperating fully.",
         "Environmental officials were testing water in the canal for chemical run-off."),
        ("Families on Chancellor Lane said they woke to the smell of burning plastic.",
         "Corner shop owner Imran Shah handed out bottled water to firefighters through the night.",
         "The estate has had three fires in five years, and residents want a meeting with the owners.",
         "Ardwick councillor Tom Reilly said he would ask why the hydrants had run low.",
         "Schools in the area opened as normal on Monday."),
        ("\u201cIt was like a wall of black smoke coming down the street,\u201d said resident Karen Doyle.",
         "\u201cOur crews worked through the night in very difficult conditions,\u201d station manager Paul "
         "Greer said."),
    ),
    Story(
        "council", "PA", "By Press Association Reporter",
        ("Councillors in Bristol have voted to close three public libraries and turn a fourth into a "
         "volunteer-run community hub to save 1.2 million pounds a year.",
         "The cabinet approved the plan by six votes to two after a three-hour meeting at City Hall on "
         "Wednesday.",
         "More than 9,000 people signed a petition against the closures, which will take effect in April.",
         "Council leader Mark Heywood said the authority faced a budget gap of 38 million pounds and had run "
         "out of easy choices.",
         "Opposition members said the libraries in Lockleaze, Marksbury Road and Sea Mills served some of the "
         "poorest neighbourhoods in the city.",
         "Campaigners are considering a legal challenge, arguing that the council failed to consult disabled "
         "users properly.",
         "Mobile library visits will be increased to cover the areas affected, the council said."),
        ("Sea Mills library has stood on the same corner since 1957 and hosts a weekly baby rhyme time.",
         "Pensioner Joan Reeves, 81, said the library was the only place she spoke to anyone all week.",
         "The Evening Post asked the council how many staff would lose their jobs, but it did not say.",
         "A protest is planned outside City Hall on Saturday morning.",
         "Friends of Lockleaze Library have raised 4,000 pounds towards legal costs."),
        ("\u201cNobody came into politics to close libraries, but we cannot spend money we do not have,\u201d "
         "Mr Heywood told the meeting.",
         "\u201cThis decision takes books away from the children who need them most,\u201d said campaigner "
         "Priya Nair."),
    ),
    Story(
        "transfer", "AFP", "LONDON (AFP) -",
        ("Newcastle United have signed Brazilian midfielder Rafael Costa from Porto for a club record fee "
         "reported to be 55 million euros.",
         "The 23-year-old agreed a five-year contract after passing a medical on Thursday, the club said.",
         "Costa scored 11 goals in the Portuguese league last season and won his first cap for Brazil in "
         "March.",
         "Manager Ian Burke had made a creative midfielder his top priority after a disappointing finish to "
         "the last campaign.",
         "Porto will receive a further five million euros if Newcastle qualify for the Champions League "
         "during the contract.",
         "Costa is the club's fourth signing of the summer after the arrivals of two defenders and a "
         "goalkeeper.",
         "He could make his debut against Everton on Saturday if his work permit is approved in time."),
        ("Fans queued outside St James' Park for the first Costa shirts on Friday morning.",
         "The Chronicle understands the deal was agreed after a late-night call between the two chairmen.",
         "Costa's arrival may push club captain Lee Hart out of the starting eleven.",
         "Supporters' club secretary Mike Dunn said the fee showed the owners were serious.",
         "Tickets for the Everton match sold out within an hour."),
        ("\u201cI have dreamed of the Premier League since I was a boy,\u201d Costa told the club's website.",
         "\u201cRafael sees passes that other players do not see,\u201d Burke said."),
    ),
)

_SYNONYMS = {
    "said": "stated", "jailed": "imprisoned", "stealing": "taking", "elderly": "older", "admitted": "pleaded "
    "guilty to", "hid": "concealed", "noticed": "spotted", "devastated": "shattered", "recovered": "returned",
    "battled": "fought", "blaze": "fire", "forcing": "leaving", "hundreds": "scores", "injured": "hurt",
    "treated": "cared for", "nearby": "neighbouring", "employs": "has", "established": "found", "voted": "agreed",
    "close": "shut", "approved": "backed", "signed": "put their names to", "faced": "was facing", "poorest":
    "most deprived", "considering": "weighing", "increased": "stepped up", "agreed": "accepted", "scored":
    "netted", "disappointing": "poor", "receive": "get", "arrivals": "signings", "approved in time":
    "granted soon enough", "more than": "over", "about": "around", "shortly": "just",
}
_HOUSE = (("pounds", "\u00a3"), (" p.m.", "pm"), ("per cent", "%"), ("Detective Sergeant", "Det Sgt"))


def _house(text: str) -> str:
    for a, b in _HOUSE:
        text = text.replace(a, b)
    return text


def _spin(sentence: str, rng: random.Random, rate: float) -> str:
    words = sentence.split(" ")
    out = []
    for w in words:
        bare = w.strip(".,;:")
        if bare in _SYNONYMS and rng.random() < rate:
            w = w.replace(bare, _SYNONYMS[bare])
        out.append(w)
    text = " ".join(out)
    # recast an attribution: "..., X said." -> "According to X, ..."
    m = re.match(r"^(?P<body>.+), (?P<who>(?:the )?[A-Za-z ]{3,40}?) (?:said|stated)\.$", text)
    if m and rng.random() < 0.7:
        who = m.group("who")
        text = f"According to {who}, {m.group('body')[0].lower()}{m.group('body')[1:]}."
    return text


def _body(headline: str, sentences: list[str], per_paragraph: int = 1) -> str:
    paras = [" ".join(sentences[i : i + per_paragraph]) for i in range(0, len(sentences), per_paragraph)]
    return headline + "\n\n" + "\n\n".join(paras) + "\n"


def build(seed: int, copies: int) -> tuple[dict[str, str], list[dict[str, str]]]:
    rng = random.Random(seed)  # noqa: S311 - synthetic text
    texts: dict[str, str] = {}
    pairs: list[dict[str, str]] = []
    for story in STORIES:
        wire_id = f"{story.key}_wire"
        wire = list(story.wire[:4]) + [story.quotes[0]] + list(story.wire[4:6]) + [story.quotes[1]] + list(story.wire[6:])
        texts[wire_id] = _body(story.wire[0].split(",")[0][:70], [f"{story.dateline} {wire[0]}", *wire[1:]])
        for n in range(copies):
            keep = max(3, round(len(wire) * rng.uniform(0.2, 0.6)))
            trimmed = [_house(s) for s in wire[:keep]]
            tid = f"{story.key}_trim{n}"
            texts[tid] = _body(f"Local edition: {story.key} report {n}", trimmed)
            pairs.append({"source": wire_id, "target": tid, "label": "wholly", "kind": "trim"})

            keep = max(4, round(len(wire) * rng.uniform(0.4, 0.9)))
            kept = wire[:keep]
            body = [kept[0]] + rng.sample(kept[1:], len(kept) - 1)
            spun = [_house(_spin(s, rng, 0.6)) for s in body]
            spun.insert(rng.randint(1, len(spun)), rng.choice(story.own))
            rid = f"{story.key}_rewrite{n}"
            texts[rid] = _body(f"{story.key.title()}: what we know ({n})", spun, 2)
            pairs.append({"source": wire_id, "target": rid, "label": "wholly", "kind": "rewrite"})

            own = rng.sample(story.own, len(story.own))
            taken = rng.sample(wire[:6], rng.randint(2, 3))
            taken = [_spin(s, rng, 0.4) if rng.random() < 0.5 else s for s in taken]
            mixed = own[:2] + taken + own[2:]
            pid = f"{story.key}_partial{n}"
            texts[pid] = _body(f"Our {story.key} story {n}", [_house(s) for s in mixed])
            pairs.append({"source": wire_id, "target": pid, "label": "partially", "kind": "partial"})

            qid = f"{story.key}_quotes{n}"
            quoted = rng.sample(story.own, 3) + list(story.quotes) + rng.sample(story.own, 1)
            texts[qid] = _body(f"Reaction: {story.key} ({n})", quoted)
            pairs.append({"source": wire_id, "target": qid, "label": "non", "kind": "quotes"})
        uid, sid = f"{story.key}_update", f"{story.key}_paper"
        texts[uid] = _body(f"UPDATE: {story.key}", [f"{story.dateline} {story.wire[0]}", story.wire[1], story.wire[2]])
        paper = [story.wire[0], story.own[0], story.wire[1], story.quotes[0], story.wire[2], *story.own[1:]]
        texts[sid] = _body(f"Paper: {story.key}", [_house(x) for x in paper])
        pairs.append({"source": uid, "target": sid, "label": "partially", "kind": "update"})
    return texts, pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--copies", type=int, default=3)
    args = parser.parse_args(argv)
    texts, pairs = build(args.seed, args.copies)
    args.out.mkdir(parents=True, exist_ok=True)
    for doc, text in texts.items():
        (args.out / f"{doc}.txt").write_text(text, encoding="utf-8")
    manifest = {"documents": [{"id": d, "file": f"{d}.txt"} for d in texts], "pairs": pairs}
    (args.out / "labels.yml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    print(f"{len(texts)} texts, {len(pairs)} labelled pairs in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
