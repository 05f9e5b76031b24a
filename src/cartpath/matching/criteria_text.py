"""Splitting a trial's eligibility text into inclusion / exclusion sections and atomic criteria.

ClinicalTrials.gov stores eligibility as one text block ("Inclusion Criteria:\\n\\n* ...
\\n\\nExclusion Criteria:\\n\\n* ..."), with bullets, numbers, nested sub-bullets and sometimes
plain sentences. Every piece of text ends up in exactly one criterion with its character span,
so nothing a coordinator must read is silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A heading is a short line naming the section ("Key Inclusion Criteria:", "EXCLUSION:"); a
# sentence that merely starts with "Exclusion of ..." is a criterion and must not vanish.
_HEADER_RE = re.compile(
    r"^\s*(?:[-*\u2022]\s*)?(?:key\s+|main\s+)?(?P<side>inclusion|exclusion|eligibility)"
    r"(?:\s+(?:criteria|criterion)\b[^\n:]{0,40}:?|\s*:)\s*$",
    re.I | re.M,
)
_INLINE_HEADER_RE = re.compile(r"(?P<side>inclusion|exclusion)\s+criteria\s*:", re.I)
_BULLET_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?:[-*\u2022\u25cf\u25aa\u00b7+>]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|"
    r"\(?[ivx]{1,4}[.)])\s+"
)


@dataclass(frozen=True)
class Criterion:
    """One atomic criterion: ``kind`` is ``inclusion`` or ``exclusion``; ``start``/``end`` index
    the trial's eligibility text; ``parent`` is the text of the lead-in line for sub-bullets."""

    kind: str
    text: str
    start: int
    end: int
    parent: str = ""


def split_sections(text: str) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` spans; text before any header counts as inclusion."""
    headers = [(m.start(), m.end(), m.group("side").lower()) for m in _HEADER_RE.finditer(text)]
    if not headers:
        headers = [(m.start(), m.end(), m.group("side").lower())
                   for m in _INLINE_HEADER_RE.finditer(text)]
    sections: list[tuple[str, int, int]] = []
    cursor, kind = 0, "inclusion"
    for start, end, side in headers:
        if start > cursor and text[cursor:start].strip():
            sections.append((kind, cursor, start))
        kind = "exclusion" if side == "exclusion" else "inclusion"
        cursor = end
    if text[cursor:].strip():
        sections.append((kind, cursor, len(text)))
    return sections


def split_criteria(text: str) -> list[Criterion]:
    """Atomic criteria in reading order.

    A bullet or numbered line starts a new criterion; an unbulleted line continues the previous
    one unless a blank line separated them. A line ending with ':' is a lead-in: its sub-bullets
    become criteria that remember it as ``parent`` (e.g. "Adequate organ function:").
    """
    criteria: list[Criterion] = []
    for kind, sec_start, sec_end in split_sections(text or ""):
        current: list[int] | None = None  # [start, end]
        parent, parent_indent, indent = "", -1, 0
        blank_before = True
        pos = sec_start
        for line in text[sec_start:sec_end].splitlines(keepends=True):
            line_start, pos = pos, pos + len(line)
            body = line.strip()
            if not body:
                blank_before = True
                continue
            content_start = line_start + (len(line) - len(line.lstrip()))
            content_end = line_start + len(line.rstrip())
            bullet = _BULLET_RE.match(line)
            if bullet:
                content_start = line_start + bullet.end()
            starts_new = bool(bullet) or blank_before or current is None
            if starts_new:
                if current is not None:
                    new_parent = _emit(criteria, text, kind, current, parent)
                    if new_parent != parent:
                        parent, parent_indent = new_parent, indent
                indent = len(line) - len(line.lstrip())
                lead_in = text[content_start:content_end].strip().endswith(":")
                if parent and indent <= parent_indent and not lead_in:
                    # back at (or left of) the lead-in's level: the sub-list is over
                    parent, parent_indent = "", -1
                current = [content_start, content_end]
            else:
                current[1] = content_end
            blank_before = False
        if current is not None:
            _emit(criteria, text, kind, current, parent)
    return criteria


def _emit(out: list[Criterion], text: str, kind: str, span: list[int], parent: str) -> str:
    """Append the criterion; return the lead-in to remember for the following sub-bullets."""
    start, end = span
    chunk = text[start:end].strip()
    if not chunk:
        return parent
    if chunk.endswith(":") and len(chunk) < 200:
        # A lead-in ("Adequate organ function as defined by:") is kept as its own criterion too,
        # so it is reviewed, and becomes the parent of what follows.
        out.append(Criterion(kind, chunk, start, end))
        return chunk
    out.append(Criterion(kind, chunk, start, end, parent))
    return parent


def section_text(text: str, kind: str) -> str:
    return "\n".join(text[s:e] for k, s, e in split_sections(text or "") if k == kind)
