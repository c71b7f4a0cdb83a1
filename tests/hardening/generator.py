"""Random, realistic-ish news seeds for archive-wide tests (deterministic for a given random seed).

Each generated archive mixes what real seed folders hold: headlines, bylines, date lines, datelines,
photo captions, reporting credits, curly quotes, non-Latin names and right-to-left text, CRLF and
BOM-prefixed files, cp1252 files, hard-wrapped paragraphs, and reprints of another seed with edits.
"""

from __future__ import annotations

import random
import textwrap

PEOPLE = ["Maria Okonkwo", "Jean-Luc Ferrand", "Ahmad al-Rashid", "Li Wei", "Olga Petrova", "Kwame Mensah",
          "Sofía Ramírez", "Hiroshi Tanaka", "Fatima Zahra", "Daniel O'Connor", "Nguyễn Thị Lan", "Søren Kjær"]
PLACES = ["Baghdad", "Lagos", "Marseille", "Chengdu", "Kazan", "Kumasi", "Valparaíso", "Sapporo", "Rabat", "Cork"]
ORGS = ["the Ministry of Health", "the port authority", "the central bank", "a regional court", "the city council",
        "the national rail company", "a coalition of aid groups", "the electoral commission"]
OUTLETS = ["The Daily Ledger", "Harbour Times", "Reuters", "Associated Press", "Le Courrier", "The Northern Star"]
VERBS = ["said", "told reporters", "wrote in a statement", "warned", "insisted", "acknowledged"]
FOREIGN = ["«Мы не отступим», — сказал он.", "وقال المتحدث إن الوضع «تحت السيطرة».", "“这是一个艰难的决定，”她说。",
           "הוא אמר כי ההחלטה סופית.", "« Nous verrons », a-t-il ajouté."]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _sentence(rng: random.Random) -> str:
    person, place, org = rng.choice(PEOPLE), rng.choice(PLACES), rng.choice(ORGS)
    number = rng.randint(2, 4000)
    shapes = [
        f"{person}, a spokesperson for {org}, {rng.choice(VERBS)} that {number} people had been affected in {place}.",
        f"“We are doing everything we can,” {person} {rng.choice(VERBS)} on {rng.choice(['Monday', 'Friday', 'Sunday'])}.",
        f"Officials in {place} said {org} would review the decision within {number % 30 + 1} days.",
        f"The figures — {number:,} in total — were disputed by {org}, which called them ‘premature’.",
        f"According to {rng.choice(OUTLETS)}, {person} met counterparts from {place} last week.",
        rng.choice(FOREIGN),
    ]
    return rng.choice(shapes)


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 4)))


def article_text(rng: random.Random) -> tuple[str, list[str]]:
    """A seed's text and its intended body paragraphs."""
    head: list[str] = [f"{rng.choice(PLACES)} {rng.choice(['braces for', 'debates', 'rejects', 'welcomes'])} "
                       f"{rng.choice(['new rules', 'talks', 'a rescue plan', 'the ruling'])}"]
    if rng.random() < 0.6:
        head.append(f"By {rng.choice(PEOPLE)}" + (f" and {rng.choice(PEOPLE)}" if rng.random() < 0.3 else ""))
    if rng.random() < 0.7:
        head.append(f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2024)}")
    body = [_paragraph(rng) for _ in range(rng.randint(2, 7))]
    if rng.random() < 0.3:
        body[0] = f"{rng.choice(PLACES).upper()} — {body[0]}"
    tail: list[str] = []
    if rng.random() < 0.3:
        tail.append(f"Reporting by {rng.choice(PEOPLE)}; Editing by {rng.choice(PEOPLE)}")
    paragraphs = body
    if rng.random() < 0.2:
        paragraphs = ["\n".join(textwrap.wrap(p, 72)) for p in body]
    return "\n\n".join(head + paragraphs + tail) + "\n", body


def _encode(rng: random.Random, text: str) -> bytes:
    roll = rng.random()
    if roll < 0.1:
        return text.replace("\n", "\r\n").encode("utf-8")
    if roll < 0.15:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if roll < 0.2:
        try:
            return text.encode("cp1252")
        except UnicodeEncodeError:
            return text.encode("utf-8")
    return text.encode("utf-8")


def _reprint(rng: random.Random, text: str) -> str:
    """Another outlet's copy of ``text``: same paragraphs, one dropped or lightly edited."""
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 3 and rng.random() < 0.5:
        del paragraphs[rng.randrange(1, len(paragraphs) - 1)]
    paragraphs[0] = paragraphs[0] + " (updated)"
    return "\n\n".join(paragraphs).replace("“", '"').replace("”", '"')


def archive(seed: int, count: int) -> dict[str, bytes]:
    """``count`` seed files named like the archive's own (``NNN_<hex>.txt``)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    files: dict[str, bytes] = {}
    texts: list[str] = []
    for number in range(count):
        if texts and rng.random() < 0.2:
            text = _reprint(rng, rng.choice(texts))
        else:
            text, _ = article_text(rng)
        texts.append(text)
        files[f"{number:03d}_{rng.getrandbits(64):016x}.txt"] = _encode(rng, text)
    return files
