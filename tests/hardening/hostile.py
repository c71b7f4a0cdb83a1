"""A catalogue of hostile and broken inputs, and what the build makes of each.

Every case drops one or more files into the seeds folder beside a good seed, builds, and states what
must happen: which seeds are published, which file the diagnostic names and what it says. Run
``python -m tests.hardening.hostile`` for the table of every input tried and what it produced.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
from contextlib import redirect_stderr
from dataclasses import dataclass, field
from pathlib import Path

from archive_builder import cli, pipeline
from archive_builder.model import Article, Diagnostic
from tests.support.project import make_project

GOOD_NAME = "good.txt"
GOOD = (
    "Harbour authority reopens the northern terminal\n\n"
    "By Maria Okonkwo\n\n"
    "March 3, 2021\n\n"
    "The harbour authority reopened the northern terminal on Tuesday after three weeks of repairs, "
    "officials said.\n\n"
    "“We expect normal traffic by the weekend,” the authority's director told reporters.\n"
)
ARTICLE = (
    "Council approves budget after long debate\n\n"
    "The city council approved the annual budget late on Monday after a debate that lasted nine hours.\n\n"
    "Opposition members said the plan cut too deeply into public transport.\n"
)


@dataclass(frozen=True, slots=True)
class Case:
    name: str  # what is hostile about it
    files: dict[str, bytes]  # path under the project root -> bytes
    published: tuple[str, ...]  # seed ids that must be published besides the good one
    names: str | None  # the file a diagnostic must name (None: no diagnostic required)
    says: str = ""  # a phrase the diagnostic must contain
    severity: str = "warning"  # lowest severity the diagnostic has: warning or error
    left_out: tuple[str, ...] = ()  # seed ids that must NOT be published
    links: tuple[tuple[str, str], ...] = ()  # (link path under the project, target under the work folder)
    in_body: tuple[str, ...] = ()  # text that must stay in some published article's body
    kept: tuple[str, ...] = ()  # text that must be in a body or a named, visible field (caption, boilerplate...)
    sparse: tuple[tuple[str, int], ...] = ()  # (path, size): files of that many zero bytes (never read whole)
    owner: str = ""  # the part of the work that fixes it, when not this catalogue's own (rows stay until merged)


def _s(name: str) -> str:
    return f"seeds/{name}"


def _big_seed() -> bytes:
    paragraph = ("The committee heard evidence from residents, engineers and the port's insurers over "
                 "several sessions, and its members visited the damaged quay twice. ") * 6
    parts = ["Inquiry publishes its full record", ""]
    size = 0
    while size < 10 * 1024 * 1024:
        parts += [paragraph.strip(), ""]
        size += len(paragraph) + 2
    return "\n".join(parts).encode("utf-8")


def _slug_plus_hash(seed_id: str) -> str:
    """The page name a non-slug id gets (``A b`` -> ``a-b-1234abcd``), as a seed id of its own."""
    from archive_builder.render.context import page_slug

    return page_slug(seed_id)


def _names_article(count: int) -> bytes:
    """One article naming ``count`` different people (a generated roll of names)."""
    first = ["Maria", "John", "Aisha", "Kofi", "Elena", "Omar", "Priya", "Lars", "Mei", "Tomas"]
    people = [f"{first[i % 10]} {''.join(chr(97 + (i // 10 ** k) % 26) for k in range(4)).capitalize()}son"
              for i in range(count)]
    lines = ["Volunteers honoured at the harbour ceremony", "",
             "The harbour authority honoured its volunteers on Tuesday, officials said.", ""]
    lines += [f"{', '.join(people[i : i + 10])} were thanked on March 3, 2021." for i in range(0, count, 10)]
    return "\n\n".join(lines).encode("utf-8")


def _nested_html(levels: int) -> bytes:
    body = "<p>The harbour authority reopened the northern terminal on Tuesday after repairs.</p>"
    return (f"<html><head><title>Deep</title></head><body><article><h1>Deep page</h1>{'<div>' * levels}"
            f"{body}{'</div>' * levels}</article></body></html>").encode()


def _closing(paragraph: str) -> bytes:
    return ("Flood waters recede in the valley\n\nBy Maria Okonkwo\n\nMarch 3, 2021\n\n"
            "Flood waters receded across the valley on Tuesday, local officials said, as rescuers reached "
            "villages cut off for a week.\n\n" + paragraph + "\n").encode()


def cases() -> list[Case]:
    art = ARTICLE.encode("utf-8")
    nul_light = ("Ferry service resumes\n\n" + "The ferry service resumed on Friday after the strike ended. " * 20
                 + "\x00 Passengers welcomed the news.\n").encode("utf-8")
    return [
        Case("empty file", {_s("empty.txt"): b""}, (), _s("empty.txt"), "empty seed", "error", ("empty",)),
        Case("whitespace only", {_s("blank.txt"): b"  \n\t\n \r\n\xc2\xa0\n"}, (), _s("blank.txt"), "no text",
             "error", ("blank",)),
        Case("binary (PNG bytes)", {_s("image.txt"): b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8},
             (), _s("image.txt"), "binary data", "error", ("image",)),
        Case("NUL bytes throughout", {_s("nuls.txt"): b"Text\x00 with\x00 NUL\x00 bytes\x00 everywhere\x00." * 50},
             (), _s("nuls.txt"), "NUL byte", "error", ("nuls",)),
        Case("one stray NUL byte in text", {_s("stray-nul.txt"): nul_light}, ("stray-nul",), _s("stray-nul.txt"),
             "control character"),
        Case("cp1252, not UTF-8", {_s("cp1252.txt"): ARTICLE.replace("Monday", "Monday’s “session”").encode("cp1252")},
             ("cp1252",), _s("cp1252.txt"), "not UTF-8"),
        Case("mixed UTF-8 and cp1252", {_s("mixed.txt"): art + "Caf\u00e9 “owners” said".encode() + b" \x93no\x94 comment.\n"},
             ("mixed",), _s("mixed.txt"), "not UTF-8"),
        Case("invalid UTF-8 (undefined cp1252 byte)", {_s("undef.txt"): art.replace(b"nine", b"n\x81ne")},
             ("undef",), _s("undef.txt"), "byte 0x81"),
        Case("UTF-8 byte-order mark", {_s("bom.txt"): b"\xef\xbb\xbf" + art}, ("bom",), None),
        Case("UTF-16 with byte-order mark", {_s("utf16.txt"): ARTICLE.encode("utf-16")}, ("utf16",), _s("utf16.txt"),
             "utf-16"),
        Case("UTF-16 BOM but odd length", {_s("bad16.txt"): b"\xff\xfeA\x00B"}, (), _s("bad16.txt"), "byte-order mark",
             "error", ("bad16",)),
        Case("CRLF line ends", {_s("crlf.txt"): art.replace(b"\n", b"\r\n")}, ("crlf",), None),
        Case("lone CR line ends", {_s("cr.txt"): art.replace(b"\n", b"\r")}, ("cr",), None),
        Case("10 MB seed", {_s("huge.txt"): _big_seed()}, ("huge",), None),
        Case("thousand-character lines", {_s("long-lines.txt"): ("Long lines\n\n" + ("word " * 2000).strip() + ".\n\n"
                                                                  + "x" * 5000 + "\n").encode()},
             ("long-lines",), None),
        Case("duplicate content under two names", {_s("copy-a.txt"): art, _s("copy-b.txt"): art}, ("copy-a", "copy-b"),
             _s("copy-b.txt"), "same bytes as seeds/copy-a.txt"),
        Case("names colliding after slugging", {_s("Breaking News.txt"): art, _s("breaking-news.txt"): art + b"More.\n",
                                                _s("BREAKING NEWS!.txt"): art + b"Even more.\n"},
             ("Breaking News", "breaking-news", "BREAKING NEWS!"), None),
        Case("same id, two extensions", {_s("twin.txt"): art, _s("twin.text"): art + b"x\n"}, ("twin",), _s("twin.txt"),
             "same name", "error"),
        Case("URL-hostile file name", {_s("Report #5 (draft) 100% <b>&amp;.txt"): art}, ("Report #5 (draft) 100% <b>&amp;",),
             None),
        Case("non-Latin file name", {_s("تقرير خاص.txt"): art}, ("تقرير خاص",), None),
        Case("Arabic, right to left", {_s("arabic.txt"): "الحكومة تعلن خطة جديدة\n\nقال المتحدث باسم الحكومة يوم الثلاثاء إن "
                                                         "الخطة ستنفذ خلال ثلاثة أشهر.\n\nوأضاف أن «الوضع تحت السيطرة».\n".encode()},
             ("arabic",), None),
        Case("Hebrew mixed with English", {_s("hebrew.txt"): "הממשלה אישרה את התקציב\n\nThe cabinet (הממשלה) approved "
                                                            "the budget on Sunday, רשמה Reuters.\n".encode()},
             ("hebrew",), None),
        Case("Chinese, Russian, Greek", {_s("scripts.txt"): "港口重新开放\n\n港口管理局星期二重新开放了北部码头。\n\n"
                                                           "«Мы не отступим», — сказал он. Η κυβέρνηση συμφώνησε.\n".encode()},
             ("scripts",), None),
        Case("only a photo caption", {_s("caption.txt"): b"Protesters gather outside the ministry. (Photo: Jane Doe/Reuters)\n"},
             (), _s("caption.txt"), "no body text", "error", ("caption",)),
        Case("only a credit line", {_s("credit.txt"): b"Reporting by Jane Doe; Editing by John Smith\n"},
             (), _s("credit.txt"), "body", "error", ("credit",)),
        Case("unsupported extension", {_s("notes.docx"): b"PK\x03\x04 not a seed"}, (), _s("notes.docx"),
             "not a seed format"),
        Case("folder named like a seed", {_s("folder.txt/inner.txt"): art}, (), _s("folder.txt"), "not read",
             left_out=("folder", "inner")),
        Case("override: not YAML", {_s("good.yml"): b"title: [unclosed\n"}, (), _s("good.yml"), "not valid YAML", "error"),
        Case("override: a list", {_s("good.yml"): b"- title\n- outlet\n"}, (), _s("good.yml"), "key: value", "error"),
        Case("override: misspelt key", {_s("good.yml"): b"titel: Corrected\n"}, (), _s("good.yml"), "did you mean 'title'",
             "error"),
        Case("override: impossible date", {_s("good.yml"): b"published: 2020-13-45\n"}, (), _s("good.yml"),
             "bad value for 'published'", "error"),
        Case("override: javascript: URL", {_s("good.yml"): b"url: javascript:alert(1)\n"}, (), _s("good.yml"),
             "bad value for 'url'", "error"),
        Case("override: python tag", {_s("good.yml"): b"title: !!python/object/apply:os.system ['echo hi']\n"}, (),
             _s("good.yml"), "could not determine a constructor", "error"),
        Case("override: alias bomb", {_s("good.yml"): b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n"
                                                      b"byline: [*b, *b, *b, *b, *b, *b, *b, *b]\n"},
             (), _s("good.yml"), "unknown key", "error"),
        Case("override: not UTF-8", {_s("good.yml"): "title: Caf\u00e9".encode("cp1252")}, (), _s("good.yml"), "not UTF-8",
             "error"),
        Case("override: exclude is not a boolean", {_s("good.yml"): b"exclude: 'yes'\n"}, (), _s("good.yml"),
             "true or false", "error"),
        Case("override: no such seed", {_s("ghost.yml"): b"title: Nobody\n"}, (), _s("ghost.yml"), "no seed named"),
        Case("override: multiple YAML documents", {_s("good.yml"): b"title: One\n---\ntitle: Two\n"}, (), _s("good.yml"),
             "not valid YAML", "error"),
        Case("symbolic link to a file outside the seeds", {}, (), _s("leak.txt"), "outside the seeds folder", "error",
             ("leak",), links=((_s("leak.txt"), "secret.txt"),)),
        Case("symbolic link to another seed", {}, ("alias",), _s("good.txt"), "same bytes as seeds/alias.txt",
             links=((_s("alias.txt"), "project/seeds/good.txt"),)),
        Case("newline and RTL override in a file name", {_s("evil\nname\u202etxt.exe.txt"): art},
             ("evil\nname\u202etxt.exe",), None),
        Case("empty seed with a newline in its name", {_s("x\nERROR good.txt: forged.txt"): b""}, (),
             _s("x\nERROR good.txt: forged.txt"), "empty seed", "error"),
        Case("curation: not YAML", {_s("curation.yml"): b"entities:\n  - name: [\n"}, (), _s("curation.yml"),
             "not valid YAML", "error"),
        Case("curation: a list", {_s("curation.yml"): b"- entities\n"}, (), _s("curation.yml"), "expected sections",
             "error"),
        Case("curation: misspelt section", {_s("curation.yml"): b"entites: []\n"}, (), _s("curation.yml"),
             "did you mean 'entities'", "error"),
        Case("curation: not UTF-8", {_s("curation.yml"): b"entities:\n  - name: Caf\xe9\n"}, (), _s("curation.yml"),
             "not UTF-8", "error"),
        Case("curation: impossible date", {_s("curation.yml"): b"events:\n  - date: 2020-02-30\n"}, (),
             _s("curation.yml"), "impossible value: day is out of range", "error"),
        *round_two(),
        Case("curation: python tag", {_s("curation.yml"): b"entities: !!python/object/apply:os.system ['echo hi']\n"},
             (), _s("curation.yml"), "not valid YAML", "error"),
    ]


def round_two() -> list[Case]:
    """The second round of attacks (issue 12)."""
    art = ARTICLE.encode("utf-8")
    html_page = (b"<html><head><title>Harbour</title><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": "
                 b"\"Harbour \\ud83d\\udcf0 reopens \\ud800\", \"datePublished\": \"2021-03-03\", \"author\": "
                 b"{\"name\": \"Maria \\udc00 Okonkwo\"}, \"publisher\": {\"name\": \"Harbour \\ud800 Times\"}}"
                 b"</script></head>"
                 b"<body><article><p>The harbour authority reopened the northern terminal "
                 b"on Tuesday after three weeks of repairs, officials said.</p></article></body></html>")
    saved = re.sub(rb"\\ud[89a-f][0-9a-f]{2}", b"", html_page)
    front = b'---\ntitle: "Budget \\ud800 vote"\n---\n\n' + art
    long_anchor = "x" * 200_000
    alias = (f"notes: &s {long_anchor}\nbyline: [" + ", ".join(["*s"] * 400) + "]\n").encode()
    link_only = (b"<html><body><article><h1>Ferry resumes</h1><p>The ferry service resumed on Friday after the "
                 b"strike ended, the operator said.</p><p><a href=\"https://example.org/x\">Passengers queued for "
                 b"hours at the terminal on the first morning</a></p></article></body></html>")
    related = (b"<html><body><article><h1>Ferry resumes</h1><p>The ferry service resumed on Friday after the "
               b"strike ended, the operator said.</p><p>Related: the strike began after talks on pay broke "
               b"down in January.</p></article></body></html>")
    return [
        Case("title at the end of a sentence", {_s("judge.txt"): b"Appeal dismissed\n\nThe court dismissed the "
                                                b"appeal on Monday, said the Lord Chief Justice.\n"}, ("judge",), None),
        Case("override: lone surrogate escape", {_s("good.yml"): b'title: "Harbour \\ud800 news"\n'}, (),
             _s("good.yml"), "lone surrogate", "error"),
        Case("override: escaped surrogate pair", {_s("good.yml"): b'title: "Harbour \\ud83d\\udcf0 news"\n'}, (),
             None),
        Case("Markdown front matter: lone surrogate", {_s("front.md"): front}, ("front",), _s("front.md"),
             "lone surrogate", "error"),
        Case("JSON-LD: lone surrogate and pair", {_s("ld.html"): html_page}, ("ld",), _s("ld.html"),
             "lone surrogate"),
        Case("invalid UTF-8 byte in a file name", {_s("bad\udce9name.txt"): art}, ("bad\udce9name",),
             _s("bad\udce9name.txt"), "not valid UTF-8"),
        Case("seed named index.html", {_s("index.html"): saved}, ("index",), None),
        Case("seed named index.txt", {_s("index.txt"): art}, ("index",), None),
        Case("x.html beside x.html.txt", {_s("x.html"): saved, _s("x.html.txt"): art}, ("x", "x.html"), None),
        Case("an id equal to another's slug plus hash", {_s("A b.txt"): art, _s(f"{_slug_plus_hash('A b')}.txt"): art
                                                        + b"More.\n"}, ("A b", _slug_plus_hash("A b")), None),
        Case("ids differing in case only", {_s("Harbour.txt"): art, _s("harbour.txt"): art + b"More.\n"},
             ("Harbour", "harbour"), None),
        Case("ids differing in Unicode normalization", {_s("caf\u00e9.txt"): art, _s("cafe\u0301.txt"): art + b"More.\n"},
             ("caf\u00e9", "cafe\u0301"), None),
        Case("252-byte .htm name", {_s("h" * 248 + ".htm"): saved}, ("h" * 248,), None),
        Case("255-byte .htm name", {_s("h" * 251 + ".htm"): saved}, ("h" * 251,), None),
        Case("255-byte .md name", {_s("m" * 252 + ".md"): art}, ("m" * 252,), None),
        Case("255-byte .txt name", {_s("t" * 251 + ".txt"): art}, ("t" * 251,), None),
        Case("override: alias expansion (400 x 200 KB)", {_s("good.yml"): alias}, (), _s("good.yml"),
             "over the limit", "error"),
        Case("override: file over 1 MB", {_s("good.yml"): b"notes: " + b"word " * 220_000 + b"\n"}, (),
             _s("good.yml"), "over the limit", "error"),
        Case("seed over the size limit (sparse, never read)", {}, (), _s("huge-sparse.txt"), "over the limit", "error",
             ("huge-sparse",), sparse=((_s("huge-sparse.txt"), 65 * 1024 * 1024),)),
        Case("sub-folder in the seeds folder", {_s("sub/inner.txt"): art}, (), _s("sub"), "not read"),
        Case("seed name starting with _", {_s("_draft.txt"): art}, (), _s("_draft.txt"), "not read",
             left_out=("_draft",)),
        Case("hidden seed name", {_s(".hidden.txt"): art}, (), _s(".hidden.txt"), "not read", left_out=(".hidden",)),
        Case("one article naming 2,000 people", {_s("roll.txt"): _names_article(2000)}, ("roll",), None),
        Case("closing paragraph: people remain missing", {_s("missing.txt"): _closing("About 300 people remain "
                                                                                     "missing.")},
             ("missing",), None, in_body=("About 300 people remain missing.",)),
        Case("closing paragraph starting 'Subscribe'", {_s("subscribe.txt"): _closing(
            "Subscribers to the valley's water service will get a refund, the utility said.")}, ("subscribe",), None,
             in_body=("Subscribers to the valley's water service",)),
        Case("closing paragraph starting 'Copyright'", {_s("copyright.txt"): _closing(
            "Copyright lawyers for the growers said they would sue the dam operator.")}, ("copyright",), None,
             in_body=("Copyright lawyers for the growers",)),
        Case("closing paragraph starting 'Follow us'", {_s("follow.txt"): _closing(
            "\u201cFollow us,\u201d the rescuers shouted, and the villagers climbed to the road.")}, ("follow",), None,
             in_body=("the rescuers shouted",)),
        Case("16 KB byline line", {_s("byline.txt"): ("Long byline\n\nBy " + "Maria Okonkwo and " * 900
                                                      + "John Smith\n\nThe harbour reopened on Tuesday.\n").encode()},
             ("byline",), None),
        Case("HTML paragraph all inside a link", {_s("linked.html"): link_only}, ("linked",), None,
             kept=("Passengers queued for hours",)),
        Case("HTML paragraph starting 'Related:'", {_s("related.html"): related}, ("related",), None,
             kept=("the strike began after talks on pay",)),
        Case("HTML nested 3,000 levels", {_s("nested.html"): _nested_html(3000)}, (), _s("nested.html"),
             "nested"),
    ]


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    published: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    exit_code: int
    strict_exit_code: int
    crashed: str | None = None
    output: str = field(default="")
    texts: tuple[tuple[str, str], ...] = ()  # (article id, body) and (article id, visible field) pairs

    def lost(self) -> list[str]:
        """Text the case says must survive and that is not where it must be."""
        bodies = [text for kind, text in self.texts if kind == "body"]
        visible = [text for _, text in self.texts]
        return ([t for t in self.case.in_body if not any(t in b for b in bodies)]
                + [t for t in self.case.kept if not any(t in v for v in visible)])

    def summary(self) -> str:
        named = [d for d in self.diagnostics if d.path != _s(GOOD_NAME) or self.case.names == _s(GOOD_NAME)]
        text = "; ".join(d.format() for d in named if d.severity != "info") or "no diagnostic"
        return text if len(text) < 160 else text[:157] + "..."


def _cli(root: Path, strict: bool) -> tuple[int, str]:
    err = io.StringIO()
    argv = ["build", "-f", str(root / "mkdocs.yml")] + (["--strict"] if strict else [])
    with redirect_stderr(err):
        code = cli.main(argv, out=io.StringIO(), err=err)
    return code, err.getvalue()


def run(case: Case, workdir: Path) -> Outcome:
    """Build a project holding the good seed and the case's files, through the pipeline and the CLI."""
    files = {name: data for name, data in case.files.items()}
    project = make_project(workdir / "project", {GOOD_NAME: GOOD}, files)  # type: ignore[arg-type]
    (workdir / "secret.txt").write_text("SECRET=do-not-publish\n", encoding="utf-8")
    for link, target in case.links:
        (project.root / link).symlink_to(workdir / target)
    for rel, size in case.sparse:
        with open(project.root / rel, "wb") as handle:
            handle.truncate(size)
    try:
        result = pipeline.build(project.config())
        code, output = _cli(project.root, strict=False)
        strict_code, strict_output = _cli(project.root, strict=True)
    except Exception as exc:  # noqa: BLE001 - a crash is the finding this harness reports
        import traceback

        traceback.print_exc()
        return Outcome(case, (), (), -1, -1, crashed=f"{type(exc).__name__}: {exc}")
    published = tuple(sorted(a.id for a in result.archive.articles))
    texts = tuple((kind, text) for a in result.archive.articles for kind, text in _visible(a))
    return Outcome(case, published, result.diagnostics, code, strict_code, output=output + strict_output,
                   texts=texts)


def _visible(article: Article) -> list[tuple[str, str]]:
    fields = [("body", article.body)] + [("field", t) for t in (*article.boilerplate, *article.credits) if t]
    fields += [("field", t) for t in (article.caption, article.source_credit, article.caption_credit) if t]
    return fields


def problems(outcome: Outcome) -> list[str]:
    """What is wrong with an outcome (empty: the case holds)."""
    case = outcome.case
    if outcome.crashed:
        return [f"crashed: {outcome.crashed}"]
    found: list[str] = []
    if "Traceback" in outcome.output:
        found.append("a traceback was printed")
    if "good" not in outcome.published:
        found.append("the good seed was not published")
    found += [f"{_shown(i)} not published" for i in case.published if i not in outcome.published]
    found += [f"{_shown(i)} published" for i in case.left_out if i in outcome.published]
    found += [f"lost: {text!r}" for text in outcome.lost()]
    if case.names is None:
        bad = [d.format() for d in outcome.diagnostics if d.severity != "info"]
        if bad:
            found.append(f"expected a clean build, got {bad}")
        if outcome.exit_code != 0 or outcome.strict_exit_code != 0:
            found.append(f"exit {outcome.exit_code} / {outcome.strict_exit_code}, expected 0 / 0")
        return found
    named = [d for d in outcome.diagnostics if d.path == case.names and d.severity in ("warning", "error")]
    if not named:
        return [*found, f"no diagnostic names {case.names}"]
    if not any(case.says in d.format() for d in named):
        found.append(f"no diagnostic says {case.says!r}")
    if any("\n" in d.format() for d in named):
        found.append("a diagnostic spans lines")
    if case.severity == "error" and (not any(d.severity == "error" for d in named) or outcome.exit_code != 1):
        found.append("expected an error and exit 1")
    if case.severity != "error" and outcome.exit_code != 0:
        found.append("warnings alone must not fail a normal build")
    if outcome.strict_exit_code != 1:
        found.append("--strict must fail the build")
    return found


def _shown(text: str) -> str:
    text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= 40 else f"{text[:18]}...{text[-12:]} ({len(text)} chars)"


def table(outcomes: list[Outcome]) -> str:
    failing = sum(bool(problems(o)) for o in outcomes)
    lines = [f"{len(outcomes)} hostile inputs tried "
             f"({sum(len(o.case.files) + len(o.case.sparse) for o in outcomes)} files; each beside one good seed); "
             f"{len(outcomes) - failing} hold, {failing} do not", "",
             "| # | input | published | exit / --strict | diagnostic | verdict |", "|---|---|---|---|---|---|"]
    for number, outcome in enumerate(outcomes, start=1):
        extra = [_shown(p) for p in outcome.published if p != "good"]
        published = ("crashed: " + (outcome.crashed or "")) if outcome.crashed else (
            "good" + (" + " + ", ".join(extra) if extra else "") if "good" in outcome.published else "NOT the good seed")
        summary = outcome.summary().encode("utf-8", "backslashreplace").decode("utf-8").replace("|", "\\|")
        wrong = problems(outcome)
        verdict = "ok" if not wrong else ("FAILS" + (f" (fixed by the {outcome.case.owner} work)" if outcome.case.owner
                                                      else "") + ": " + "; ".join(wrong))
        verdict = verdict if len(verdict) < 200 else verdict[:197] + "..."
        lines.append(f"| {number} | {outcome.case.name} | {published} | {outcome.exit_code} / "
                     f"{outcome.strict_exit_code} | {summary} | {verdict.replace('|', '/')} |")
    return "\n".join(lines)


def main() -> int:
    from tests.hardening import scenarios

    outcomes = []
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for number, case in enumerate(cases()):
            outcomes.append(run(case, Path(tmp) / str(number)))
        for number, scenario in enumerate(scenarios.scenarios()):
            ok, detail = scenario.run(Path(tmp) / f"s{number}")
            results.append((scenario, ok, detail))
    print(table(outcomes))
    print()
    print(scenarios.table(results))
    return 1 if any(o.crashed for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
