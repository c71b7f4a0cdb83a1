"""Seeds and curation values written to attack the site: every payload must reach the reader as
literal text. Each script payload would set ``window.abxss`` (or open a dialog) if it ever ran.

Shared by the HTML assertions (``test_injection.py``) and the headless Chromium tests."""

from __future__ import annotations

MARK = "abxss"

PAYLOADS = (
    f"<script>window.{MARK}=1;alert('{MARK}')</script>",
    f'<img src=x onerror="window.{MARK}=2">',
    f"<svg onload=window.{MARK}=3></svg>",
    f"[click me](javascript:window.{MARK}=4)",
    f'<a href="javascript:window.{MARK}=5">raw link</a>',
    f"<iframe srcdoc='<script>parent.{MARK}=6</script>'></iframe>",
    f'"><script>window.{MARK}=7</script><p title="',
    f"' onmouseover='window.{MARK}=8' x='",
    "**bold markdown** _emphasis_ `code` <b>bold html</b> &amp; &lt;entity&gt; &#60;script&#62;",
    "{{ config.site_name }} {% if true %}jinja-block{% endif %} {# comment #}",
    "--- \n...",
    "```mermaid\ngraph TD; A-->B; click A callback \"javascript:alert(1)\"\n```",
    "<!-- hidden comment --> <style>body{display:none}</style>",
    "!!! danger \"Admonition\"\n    injected admonition",
    "| table | row |\n|---|---|\n| x | y |",
    "[^1]: footnote *[abbr]: abbreviation {: #custom-id .cls onclick=\"x\" }",
)

HOSTILE_TITLE = f"<script>window.{MARK}=9</script> \"Quotes\" & 'apostrophes' {{{{ page.title }}}} --- [x](javascript:1)"

BODY = "\n\n".join(
    [f"Embassy statement <b>{MARK}</b> sparks protest"]
    + [f"Paragraph {n}: the statement read {payload} and nothing else." for n, payload in enumerate(PAYLOADS, 1)]
)

SEEDS: dict[str, str] = {
    "inject_body.txt": BODY + "\n",
    f"\"><img src=x onerror=window.{MARK}=10>.txt": "Second article about the statement\n\n"
    "The ministry repeated the statement on Tuesday, officials said.\n",
    "inject_lines.txt": "---\ntitle: injected front matter\n---\n\n" + "\n".join(PAYLOADS) + "\n",
}

OVERRIDES: dict[str, str] = {
    "inject_body.yml": (
        "title: '" + HOSTILE_TITLE.replace("'", "''") + "'\n"
        "outlet: '<script>window.abxss=11</script> Daily'\n"
        "byline: ['<img src=x onerror=window.abxss=12>', '{{ config.site_name }}']\n"
        "caption: '\"><svg onload=window.abxss=13>'\n"
        "dateline: '[click](javascript:window.abxss=14)'\n"
        "source_credit: '```mermaid **bold markdown** _emphasis_ `code` <b>bold html</b>'\n"
        "notes: |\n  --- \n  <script>window.abxss=15</script>\n  {% raw %}\n"
    ),
}

# Curation values for the stages that read seeds/curation.yml (entities, events, relations); ignored
# until those stages exist, then shown on entity, event and compare pages.
CURATION = (
    "entities:\n"
    "  - name: '<script>window.abxss=20</script> Person'\n"
    "    type: person\n"
    "    aliases: ['\"><img src=x onerror=window.abxss=21>', '{{ config.site_name }}']\n"
    "    description: '[x](javascript:window.abxss=22) ```mermaid'\n"
)


def files() -> dict[str, str]:
    """Seeds and curation files, by path under the project root."""
    out = {f"seeds/{name}": text for name, text in SEEDS.items()}
    out |= {f"seeds/{name}": text for name, text in OVERRIDES.items()}
    out["seeds/curation.yml"] = CURATION
    return out
