"""Pages for the document viewer: the page image beside its text, evidence spans marked.

Text highlighting (``<mark>``) rather than boxes on the image: the reading core gives character
offsets, and marking the page text is exact for text layers and OCR alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cartpath.vault.content import data_key, read_original, read_page_text
from cartpath.vault.models import Document, DocumentPage, Fact


@dataclass
class Segment:
    text: str
    fact: str = ""  # public id of the fact whose evidence this is
    selected: bool = False


@dataclass
class PagePanel:
    number: int
    has_image: bool
    method: str
    segments: list[Segment] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    boxed_fact: str = ""  # a fact whose evidence the page image can outline


def _spans(facts: list[Fact], page: int) -> list[tuple[int, int, str]]:
    spans = []
    for fact in facts:
        for item in fact.evidence or [{"page": fact.page, "start": fact.start, "end": fact.end}]:
            if item.get("page") == page and item.get("start") is not None:
                spans.append((int(item["start"]), int(item["end"]), fact.public_id))
    return sorted(set(spans))


def segments(text: str, spans: list[tuple[int, int, str]], selected: str) -> list[Segment]:
    """Cut the text at span edges; overlapping spans keep the first (selected wins)."""
    spans = sorted(spans, key=lambda s: (s[2] != selected, s[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, fact in spans:
        if start < end <= len(text) and all(end <= a or start >= b for a, b, _ in taken):
            taken.append((start, end, fact))
    out, cursor = [], 0
    for start, end, fact in sorted(taken):
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], fact, fact == selected))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return out


def page_panels(document: Document, facts: list[Fact], selected: str = "") -> list[PagePanel]:
    if not document.has_content:
        return []
    key = data_key(document)
    panels = []
    for page in document.pages.order_by("index"):
        number = page.index + 1
        on_page = [f for f in facts if f.page == number]
        text = read_page_text(page, key)
        boxed = selected if (page.method == "text_layer" and document.kind == "pdf"
                             and any(f.public_id == selected for f in on_page)) else ""
        panels.append(PagePanel(number, bool(page.image_name), page.method,
                                segments(text, _spans(facts, number), selected), on_page, boxed))
    return panels


def boxed_page_image(document: Document, page: DocumentPage, fact: Fact, png: bytes) -> bytes:
    """The page image with the fact's evidence outlined (text-layer PDF pages), else as is."""
    if document.kind != "pdf" or page.method != "text_layer":
        return png
    from cartpath.vault.boxes import draw_boxes, evidence_boxes

    spans = [(s, e) for s, e, _ in _spans([fact], page.index + 1)]
    boxes = evidence_boxes(read_original(document), page.index, spans, read_page_text(page))
    return draw_boxes(png, boxes) if boxes else png
