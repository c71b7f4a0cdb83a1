"""Entities: people, organizations and places mentioned in articles, resolved across the archive.

    spot names per text (extract) -> short forms within an article (local) -> one group per referent
    across articles (resolve; short forms no article resolves: shortforms) -> curator's decisions
    (curate) -> frozen EntityIndex with stable ids (index)
"""

from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import replace

from archive_builder.cache import code_version
from archive_builder.curation import Curation
from archive_builder.entities.curate import CurationPlan, apply_plan, read_plan
from archive_builder.entities.extract import Candidate, in_capitals, spot
from archive_builder.entities.index import build_index
from archive_builder.entities.lexicon import Lexicon, load_lexicon
from archive_builder.entities.local import Local, local_entities, person_key
from archive_builder.entities.names import fold
from archive_builder.entities.resolve import Group, resolve_groups
from archive_builder.limits import MAX_NAMES_PER_ARTICLE
from archive_builder.model import Article, Diagnostic, EntityIndex
from archive_builder.perarticle import Runner, Task, serial, stable_digest

log = logging.getLogger("archive_builder")

ENTITY_CODE = ("model.py", "textutil.py", "entities")  # what an article's extracted names depend on

__all__ = ["resolve", "extract_article"]


def extract_article(article: Article, lex: Lexicon, plan: CurationPlan | None = None) -> tuple[
        list[Local], list[Candidate]]:
    """Local entities of one article (body and credits) and its unresolved lone words."""
    cands = spot(article.body, lex)[:MAX_NAMES_PER_ARTICLE]  # the rest are not indexed (``resolve`` says so)
    if plan is not None:
        cands = plan.add_alias_mentions(article.body, cands)
    found, bare = local_entities(cands, lex, article.id)
    return found + _head(article, lex, found, plan) + _authors(article, lex), bare


def head_texts(article: Article) -> list[tuple[str, int, str]]:
    """The texts around the body whose names are mentions: (field, part, text). The headline counts
    in ``article.title`` (unless derived from the body or the file name), a kicker or dek in its line
    of ``article.chrome``, the dateline's place in ``article.dateline``."""
    out: list[tuple[str, int, str]] = []
    if article.title and not article.title_derived:
        out.append(("headline", 0, article.title))
    heads = {b.text: b.kind for b in article.blocks if b.kind in ("kicker", "dek")}
    for part, line in enumerate(article.chrome):
        kind = heads.pop(line, None)  # the first line of that text
        if kind is not None:
            out.append((kind, part, line))
    if article.dateline:
        out.append(("dateline", 0, article.dateline))
    return out


def _head(article: Article, lex: Lexicon, body: list[Local], plan: CurationPlan | None) -> list[Local]:
    """Names in the headline, kicker, dek, dateline and photo caption. A name the body uses (``SHEARER``
    for ``Alan Shearer``) is that entity; the rest are read in their own text (short forms resolve
    within it). A line in capitals is read word by word against the body's names and the gazetteer
    before the recognizer reads what is left."""
    texts = head_texts(article) + ([("caption", 0, article.caption)] if article.caption else [])
    if not texts:
        return []
    known: dict[str, Local] = {}
    for entity in body:
        for form in entity.forms:
            known.setdefault(lex.memo.fold(form), entity)
        if entity.type == "person" and len(entity.words) > 1:
            known.setdefault(lex.memo.fold(entity.last), entity)
    out: list[Local] = []
    for field, part, text in texts:
        named = dict(_caps_names(text, lex, known)) if in_capitals(text, 4) else {}
        cands = [*named, *(c for c in spot(text, lex)[:MAX_NAMES_PER_ARTICLE]
                           if not any(c.start < n.end and n.start < c.end for n in named))]
        if plan is not None:
            cands = plan.add_alias_mentions(text, cands)
        if field == "dateline":  # where the story was filed from: a place, whatever else bears its name
            named = {c: e for c, e in named.items() if e is None or e.type == "place"}
            cands = [_as_place(c) if c.canonical is None or not c.canonical.startswith("alias:") else c
                     for c in cands]
        rest: list[Candidate] = []
        for c in cands:
            same = named.get(c)
            if same is None and not (c.canonical or "").startswith("alias:"):
                same = known.get(lex.memo.fold(c.text))
                if same is not None and c.type not in (None, same.type) and (c.canonical or len(c.text.split()) < 2):
                    same = None  # a full name the body reads otherwise is the body's (more context), unless
                    # the gazetteer named it; a lone word keeps its own reading
            if same is not None:
                out.append(Local(same.type, same.key, same.words, [same.forms[0]], [(c.start, c.end, c.text)],
                                 canonical=same.canonical, surname_only=same.surname_only, article=article.id,
                                 field=field, part=part, titles=same.titles))
            else:
                rest.append(c)
        found, _ = local_entities(sorted(rest, key=lambda c: (c.start, c.end)), lex, article.id)
        for entity in found:
            entity.field, entity.part = field, part
            if entity.canonical and not entity.canonical.startswith("alias:"):  # ``BAGHDAD`` is no other name of Baghdad
                entity.forms = [entity.canonical if f.isupper() else f for f in entity.forms]
        out += found
    return out


def _as_place(c: Candidate) -> Candidate:
    """A name the rules or the recognizer typed, read as a place (lone words no one typed stay so)."""
    if c.type in ("person", "organization"):
        return replace(c, type="place", canonical=None)
    if c.hint in ("person", "organization"):
        return replace(c, hint="place")
    return c


_WORD = re.compile(r"[^\W\d_][\w.'\u2019&-]*")
_POSSESSIVE = re.compile(r"['\u2019][sS]$")
CAPS_NAME_WORDS = 5




def _caps_names(text: str, lex: Lexicon, known: dict[str, Local]) -> list[tuple[Candidate, Local | None]]:
    """Names in a line written in capitals (``SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN``), where
    capitals tell no name from the words around it: the longest runs of words that are a name the
    body uses, else a gazetteer name that is not also a common surname or a club's town."""
    words = list(_WORD.finditer(text))
    out: list[tuple[Candidate, Local | None]] = []
    i = 0
    while i < len(words):
        for n in range(min(CAPS_NAME_WORDS, len(words) - i), 0, -1):
            a = words[i].start()
            phrase = _POSSESSIVE.sub("", text[a : words[i + n - 1].end()])
            if phrase.endswith(".") and phrase.count(".") == 1:
                phrase = phrase[:-1]  # the headline's full stop, not ``U.S.``
            if not phrase:
                continue
            same = known.get(lex.memo.fold(phrase))
            entry = lex.lookup(phrase) if same is None else None
            if same is not None or (entry is not None and not entry.weak):
                kind = same.type if same is not None else entry.type if entry is not None else None
                out.append((Candidate(a, a + len(phrase), phrase, tuple(phrase.split()), kind,
                                      canonical=entry.name if entry is not None else None), same))
                i += n
                break
        else:
            i += 1
    return out


def _authors(article: Article, lex: Lexicon) -> list[Local]:
    """Reporters named in the credit lines (offsets into that line) or, failing that, the byline."""
    out: list[Local] = []
    seen: set[str] = set()
    for part, line in enumerate(article.credits):
        for c in spot(line, lex):
            if len(c.words) > 1 and c.type in ("person", None):
                out.append(_author(lex, article.id, "credits", part, c.words, c.start, c.end, c.text))
                seen.add(fold(c.text))
    for part, name in enumerate(article.byline):
        if fold(name) not in seen and len(name.split()) > 1:
            out.append(_author(lex, article.id, "byline", part, tuple(name.split()), 0, len(name), name))
    return out


def _author(lex: Lexicon, article: str, field: str, part: int, words: tuple[str, ...], start: int, end: int, text: str) -> Local:
    return Local("person", person_key(words, lex), words, [text], [(start, end, text)], article=article,
                 field=field, part=part)


Extracted = tuple[list[Local], list[Candidate]]


def _extract(article: Article, arg: tuple[Lexicon, CurationPlan]) -> Extracted:
    """The per-article task: local entities (dated by the article) and unresolved lone words."""
    found, left = extract_article(article, *arg)
    if article.published is not None:
        for loc in found:
            loc.published = article.published.toordinal()
    return found, left


def extraction_task(lex: Lexicon, plan: CurationPlan) -> Task[tuple[Lexicon, CurationPlan], Extracted]:
    """Extraction depends on the article, the entities code and lexicon, the statistical recognizer
    (its weights, engine and the packaged lists it reads: ``Recognizer.version``) and the curated aliases."""
    model = lex.recognizer.version if lex.recognizer is not None else "none"
    return Task("entities.extract", _extract, (lex, plan),
                stable_digest(code_version(parts=ENTITY_CODE), plan.aliases, model))


SUGGESTIONS_SHOWN = 100  # `check` prints the strongest suggested merges; the export lists them all


def extraction_task_for(curation: Curation, lex: Lexicon) -> Task[tuple[Lexicon, CurationPlan], Extracted]:
    """The extraction task ``resolve`` runs for this curation (so a caller can queue it early)."""
    return extraction_task(lex, read_plan(curation)[0])


def _suggestion_diagnostics(path: str, index: EntityIndex) -> list[Diagnostic]:
    ranked = sorted(index.suggestions, key=lambda s: (-s.score, s.a, s.b))
    shown = [Diagnostic(path, f"suggested merge: '{s.a}' and '{s.b}' (score {s.score:.2f}: {s.reason})",
                        "info", hint=f"to merge them add to the entities section: - merge: [{s.a}, {s.b}]")
             for s in ranked[:SUGGESTIONS_SHOWN]]
    if len(ranked) > SUGGESTIONS_SHOWN:
        shown.append(Diagnostic(path, f"{len(ranked) - SUGGESTIONS_SHOWN} weaker suggested merges not shown", "info",
                                hint="`archive-builder export` lists every one under 'entity_suggestions'"))
    return shown


def _outlets_are_organizations(groups: list[Group], articles: tuple[Article, ...]) -> None:
    """A name the archive knows as an outlet ("first published by Samarra Sentinel") is an
    organization, whatever its form suggested (two capitalised words read as a person's name)."""
    known = {fold(name) for a in articles for name in (a.outlet, a.source_credit) if name}
    orgs = {fold(f): g for g in groups if g.type == "organization" for f in g.forms()}
    for group in list(groups):
        forms = group.forms()
        if group.type == "person" and forms and all(fold(f) in known for f in forms):
            group.type = "organization"
            same = orgs.get(fold(forms[0]))
            if same is not None and same is not group:  # the organization the rest of the archive names
                same.members.extend(group.members)
                groups.remove(group)


def resolve(articles: tuple[Article, ...], curation: Curation, lex: Lexicon | None = None,
            runner: Runner = serial) -> tuple[EntityIndex, tuple[Diagnostic, ...]]:
    """Extract mentions from every article (a per-article task, given to ``runner``) and resolve
    them to entities across the archive."""
    lex = lex or load_lexicon()
    plan, problems = read_plan(curation)
    locals_: list[Local] = []
    bare: list[Candidate] = []
    bare_articles: list[str] = []
    for article, (found, left) in zip(articles, runner(extraction_task(lex, plan), articles), strict=True):
        if sum(len(entity.spans) for entity in found) + len(left) >= MAX_NAMES_PER_ARTICLE:
            folder = posixpath.dirname(curation.path)
            problems.append(Diagnostic(f"{folder}/{article.seed}" if folder else article.seed,
                                       f"names more than {MAX_NAMES_PER_ARTICLE:,} people, places or organizations; "
                                       "only the first are indexed", "warning",
                                       hint="is it one article? a list of names is better kept out of the archive"))
        locals_ += found
        bare += left
        bare_articles += [article.id] * len(left)
    outlets = {a.id: a.outlet for a in articles if a.outlet}
    groups, suggestions = resolve_groups(locals_, bare, bare_articles, lex, outlets)
    _outlets_are_organizations(groups, articles)
    groups, suggestions, issues = apply_plan(plan, groups, suggestions)
    index, _ = build_index(groups, suggestions)
    problems += issues
    problems += _suggestion_diagnostics(curation.path, index)
    log.debug("entities: %d entities, %d mentions", len(index.entities), len(index.mentions))
    return index, tuple(problems)
