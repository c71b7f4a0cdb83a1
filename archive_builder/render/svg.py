"""Small SVG figures drawn at build time: source chains, relation graphs, bar charts, networks.

Every label is seed text: it passes through ``esc`` (XML escaping, control characters dropped) and
only ever lands in a ``<text>``/``<title>`` element or a quoted attribute, so no seed can add markup.
Labels are cut at word boundaries (``markup.snippet``). Output is deterministic: positions are
rounded, nodes are laid out in the order given. A figure is one raw HTML block (``<figure>`` on its
own lines, no blank line inside) so Markdown leaves it as it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archive_builder.render.markup import inert, snippet

FONT = 12
CHAR_W = 6.6  # average advance of a 12 px sans-serif character
LINE_H = 15


def esc(text: str) -> str:
    return inert(" ".join(text.split()))


def wrap(text: str, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``width`` characters, cut between words."""
    words = text.split()
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[i:])
            break
    if current:
        out.append(current)
    if len(out) == lines and len(out[-1]) > width:
        out[-1] = snippet(out[-1], width)
    return [snippet(line, width) if len(line) > width else line for line in out[:lines]]


@dataclass(frozen=True, slots=True)
class Node:
    label: str
    href: str | None = None  # relative URL (trusted: built by the renderer)
    kind: str = "article"  # article | outlet | here


@dataclass(frozen=True, slots=True)
class Edge:
    source: int
    target: int
    label: str = ""
    dashed: bool = False


def _figure(svg: str, caption: str | None, css: str) -> str:
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f'<figure class="ab-figure {css}" data-search-exclude>\n{svg}\n{cap}</figure>'


def _text_lines(x: float, y: float, lines: list[str], anchor: str = "middle", css: str = "") -> str:
    top = y - (len(lines) - 1) * LINE_H / 2
    cls = f' class="{css}"' if css else ""
    return "".join(f'<text x="{x:.0f}" y="{top + i * LINE_H:.0f}" text-anchor="{anchor}" dominant-baseline="middle"{cls}>'
                   f"{esc(line)}</text>" for i, line in enumerate(lines))


def _layers(count: int, edges: list[Edge]) -> list[int]:
    """Longest-path layer of each node (edges pointing backwards in a cycle are ignored)."""
    layer = [0] * count
    for _ in range(count):
        changed = False
        for e in edges:
            if e.source != e.target and layer[e.target] < layer[e.source] + 1 and layer[e.source] + 1 < count:
                layer[e.target] = layer[e.source] + 1
                changed = True
        if not changed:
            break
    return layer


BOX_W, BOX_H, GAP_X, GAP_Y = 180, 56, 56, 18


def flow(nodes: list[Node], edges: list[Edge], title: str, caption: str | None = None) -> str:
    """Nodes in layers from left to right (sources left), arrows between them."""
    layer = _layers(len(nodes), edges)
    columns: dict[int, list[int]] = {}
    for i, lay in enumerate(layer):
        columns.setdefault(lay, []).append(i)
    rows = max((len(v) for v in columns.values()), default=1)
    width = len(columns) * (BOX_W + GAP_X) - GAP_X + 8
    height = rows * (BOX_H + GAP_Y) - GAP_Y + 8
    pos: dict[int, tuple[float, float]] = {}
    for col, members in sorted(columns.items()):
        offset = (rows - len(members)) * (BOX_H + GAP_Y) / 2
        for row, i in enumerate(members):
            pos[i] = (4 + col * (BOX_W + GAP_X), 4 + offset + row * (BOX_H + GAP_Y))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
             f'role="{"group" if any(n.href for n in nodes) else "img"}" aria-label="{esc(title)}" class="ab-svg">',
             '<defs><marker id="ab-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="ab-arrowhead"/></marker></defs>']
    for e in edges:
        if e.source not in pos or e.target not in pos or e.source == e.target:
            continue
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        forward = x2 > x1
        sx, tx = (x1 + BOX_W, x2) if forward else (x1 + BOX_W / 2, x2 + BOX_W / 2)
        sy, ty = (y1 + BOX_H / 2, y2 + BOX_H / 2) if forward else (y1 + (BOX_H if y2 > y1 else 0), y2 + (0 if y2 > y1 else BOX_H))
        dash = ' stroke-dasharray="5 4"' if e.dashed else ""
        parts.append(f'<path d="M{sx:.0f},{sy:.0f} L{tx:.0f},{ty:.0f}" class="ab-edge"{dash} marker-end="url(#ab-arrow)">'
                     f"<title>{esc(e.label)}</title></path>" if e.label else
                     f'<path d="M{sx:.0f},{sy:.0f} L{tx:.0f},{ty:.0f}" class="ab-edge"{dash} marker-end="url(#ab-arrow)"/>')
        if e.label:
            parts.append(_text_lines((sx + tx) / 2, (sy + ty) / 2 - 7, [snippet(e.label, 18)], css="ab-edge-label"))
    for i, node in enumerate(nodes):
        x, y = pos[i]
        radius = BOX_H / 2 if node.kind == "outlet" else 4
        box = (f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="{radius:.0f}" '
               f'class="ab-node ab-node-{node.kind}"/>')
        label = _text_lines(x + BOX_W / 2, y + BOX_H / 2, wrap(node.label, 26, 3))
        if node.href:
            parts.append(f'<a href="{inert(node.href)}"><title>{esc(node.label)}</title>{box}{label}</a>')
        else:
            parts.append(f"<g><title>{esc(node.label)}</title>{box}{label}</g>")
    parts.append("</svg>")
    return _figure("".join(parts), caption, "ab-flow")


def bars(series: list[tuple[str, int]], title: str, caption: str | None = None) -> str:
    """A small column chart (one column per label, e.g. a month), the tallest column full height."""
    count = max(1, len(series))
    col = max(4.0, min(24.0, 560 / count))
    height, top, bottom = 96, 14, 18
    width = col * count + 8
    peak = max((n for _, n in series), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height + top + bottom}" '
             f'width="{width:.0f}" role="img" aria-label="{esc(title)}" class="ab-svg ab-bars">']
    for i, (label, n) in enumerate(series):
        h = round(height * n / peak) if n else 0
        x = 4 + i * col
        parts.append(f'<rect x="{x:.1f}" y="{top + height - h}" width="{max(1.0, col - 2):.1f}" height="{h}" '
                     f'class="ab-bar"><title>{esc(label)}: {n:,}</title></rect>')
    if series:
        parts.append(_text_lines(4, top + height + 10, [series[0][0]], anchor="start", css="ab-axis"))
        if len(series) > 1:
            parts.append(_text_lines(width - 4, top + height + 10, [series[-1][0]], anchor="end", css="ab-axis"))
    parts.append(_text_lines(4, 6, [f"peak {peak:,}"], anchor="start", css="ab-axis"))
    parts.append("</svg>")
    return _figure("".join(parts), caption, "ab-chart")


@dataclass(frozen=True, slots=True)
class Dot:
    label: str
    weight: int
    href: str | None = None
    kind: str = "person"


def network(dots: list[Dot], links: list[tuple[int, int, int]], title: str, caption: str | None = None,
            directed: bool = False) -> str:
    """Dots on a circle (in the order given), a line per link (width by weight), labels outside."""
    radius = 220.0
    width, height = 2 * radius + 320, 2 * radius + 60  # room for labels left and right, little above and below
    cx, cy = width / 2, height / 2
    count = max(1, len(dots))
    at = [(cx + radius * math.cos(2 * math.pi * i / count - math.pi / 2),
           cy + radius * math.sin(2 * math.pi * i / count - math.pi / 2)) for i in range(len(dots))]
    heaviest = max((w for _, _, w in links), default=1) or 1
    biggest = max((d.weight for d in dots), default=1) or 1
    role = "group" if any(d.href for d in dots) else "img"  # an image may not hold links (axe nested-interactive)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" role="{role}" '
             f'aria-label="{esc(title)}" class="ab-svg ab-network">']
    if directed:
        parts.append('<defs><marker id="ab-net-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
                     'markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" class="ab-arrowhead"/></marker></defs>')
    for a, b, w in links:
        (x1, y1), (x2, y2) = at[a], at[b]
        stroke = 0.8 + 4 * w / heaviest
        end = ' marker-end="url(#ab-net-arrow)"' if directed else ""
        if directed:  # stop short of the target dot
            d = math.hypot(x2 - x1, y2 - y1) or 1
            r = _dot_radius(dots[b].weight, biggest) + 2
            x2, y2 = x2 - (x2 - x1) * r / d, y2 - (y2 - y1) * r / d
        parts.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" class="ab-link" '
                     f'stroke-width="{stroke:.1f}"{end}><title>{esc(dots[a].label)} \u2013 {esc(dots[b].label)}: '
                     f"{w:,}</title></line>")
    for i, dot in enumerate(dots):
        x, y = at[i]
        r = _dot_radius(dot.weight, biggest)
        angle = math.atan2(y - cy, x - cx)
        lx, ly = x + (r + 6) * math.cos(angle), y + (r + 6) * math.sin(angle)
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        shape = (f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{r:.1f}" class="ab-dot ab-{dot.kind}"/>'
                 + _text_lines(lx, ly, [snippet(dot.label, 22)], anchor=anchor, css="ab-dot-label"))
        tip = f"<title>{esc(dot.label)}: {dot.weight:,}</title>"
        parts.append(f'<a href="{inert(dot.href)}">{tip}{shape}</a>' if dot.href else f"<g>{tip}{shape}</g>")
    parts.append("</svg>")
    return _figure("".join(parts), caption, "ab-net")


def _dot_radius(weight: int, biggest: int) -> float:
    return 3 + 9 * math.sqrt(weight / biggest)
