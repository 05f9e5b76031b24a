"""Boxes around evidence on a page image, where the page has a PDF text layer.

PDFium knows where each character of a text layer is drawn; the reading core's page text is that
layer with line ends normalised, so an evidence span maps back to characters and their boxes.
The mapping is checked against the stored text and gives up (no boxes, the viewer's text marks
remain) whenever the two disagree. OCR pages have no boxes here.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

Box = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the page


def _clean_index(raw: str) -> tuple[str, list[int]]:
    """The core's cleaning of a text layer, remembering each kept character's raw index."""
    text, where = [], []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\r":
            if i + 1 < len(raw) and raw[i + 1] == "\n":
                i += 1
                ch = "\n"
            else:
                ch = "\n"
        elif ch in ("\x00", "\ufffe"):
            i += 1
            continue
        text.append(ch)
        where.append(i)
        i += 1
    return "".join(text), where


def evidence_boxes(pdf: bytes, index: int, spans: list[tuple[int, int]], page_text: str) -> list[Box]:
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        clean, where = _clean_index(textpage.get_text_range())
        if clean != page_text:
            return []
        boxes: list[Box] = []
        for start, end in spans:
            line: list[float] | None = None  # left, bottom, right, top in PDF points
            for position in range(start, min(end, len(where))):
                if clean[position].isspace():
                    continue
                left, bottom, right, top = textpage.get_charbox(where[position])
                # Same line when the glyph overlaps the line vertically (a hyphen sits higher
                # than digits) and does not jump back to the left margin.
                overlaps = line is not None and min(top, line[3]) > max(bottom, line[1])
                if line is not None and overlaps and left >= line[0] - 1:
                    line = [line[0], min(line[1], bottom), max(line[2], right), max(line[3], top)]
                    continue
                if line is not None:
                    boxes.append(_fraction(line, width, height))
                line = [left, bottom, right, top]
            if line is not None:
                boxes.append(_fraction(line, width, height))
        textpage.close()
        return boxes
    finally:
        document.close()


def _fraction(line: list[float], width: float, height: float) -> Box:
    left, bottom, right, top = line  # PDF y grows upwards; image y downwards
    return (left / width, 1 - top / height, right / width, 1 - bottom / height)


def draw_boxes(png: bytes, boxes: list[Box]) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    draw = ImageDraw.Draw(image)
    pad = max(2, image.width // 500)
    for left, top, right, bottom in boxes:
        draw.rectangle((left * image.width - pad, top * image.height - pad,
                        right * image.width + pad, bottom * image.height + pad),
                       outline=(200, 30, 20), width=pad)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
