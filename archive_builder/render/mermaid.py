"""Mermaid diagrams whose labels come from seed text, made safe.

Every label is reduced to one line, cut to a readable length, and every character other than an
ASCII letter, digit or space becomes a Mermaid entity code (``#60;`` for ``<``), so no quote,
bracket, pipe, backtick, semicolon or HTML in a seed can end a label, start a new statement or
become markup. Node ids are generated (``n0``, ``n1``...), never taken from the seed.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_LABEL = 60


def label(text: str, limit: int = MAX_LABEL) -> str:
    """``text`` as the inside of a quoted Mermaid label."""
    one = " ".join(text.split())
    if len(one) > limit:
        one = one[: limit - 1].rstrip() + "\u2026"
    return "".join(ch if (ch.isascii() and ch.isalnum()) or ch == " " else f"#{ord(ch)};" for ch in one)


@dataclass(frozen=True, slots=True)
class Edge:
    source: str  # node key
    target: str
    text: str = ""  # edge label (escaped here)
    dashed: bool = False


def flowchart(nodes: list[tuple[str, str, str]], edges: list[Edge], direction: str = "LR") -> str:
    """A ``flowchart`` fence. ``nodes``: (key, label text, shape 'box' | 'round'); keys stay private."""
    ids = {key: f"n{i}" for i, (key, _, _) in enumerate(nodes)}
    lines = ["```mermaid", f"flowchart {direction}"]
    for key, text, shape in nodes:
        open_, close = ("([", "])") if shape == "round" else ("[", "]")
        lines.append(f'  {ids[key]}{open_}"{label(text)}"{close}')
    for edge in edges:
        if edge.source not in ids or edge.target not in ids:
            continue
        arrow = "-.->" if edge.dashed else "-->"
        middle = f'|"{label(edge.text, 30)}"|' if edge.text else ""
        lines.append(f"  {ids[edge.source]} {arrow}{middle} {ids[edge.target]}")
    lines.append("```")
    return "\n".join(lines)
