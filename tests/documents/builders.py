"""Documents built at test time from real report text: text PDFs, scans, DOCX, FHIR, and
hostile files."""

from __future__ import annotations

import base64
import io
import json
import random
import struct
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from tests.paths import SHARED

CORPUS = SHARED / "corpora" / "mtsamples"
HAEM_DEV = CORPUS / "haem_dev"


def mtsample(prefix: str) -> str:
    """A haem_dev transcription by its sample number, e.g. ``mtsample("1622")``."""
    path = next(HAEM_DEV.glob(f"mtsamples-{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def corpus_sample(sample_id: str) -> str:
    with open(CORPUS / "mtsamples_2018_scrape.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if str(record["sample_id"]) == sample_id:
                return record["transcription"]
    raise KeyError(sample_id)


def text_pdf(text: str, *, font_size: int = 10) -> bytes:
    """A text-layer PDF, wrapped like a printed report (paragraphs keep their line breaks)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=letter)
    width, height = letter
    margin, leading = 54, font_size * 1.3
    y = height - margin
    pdf.setFont("Helvetica", font_size)
    for paragraph in text.split("\n"):
        lines = simpleSplit(paragraph, "Helvetica", font_size, width - 2 * margin) or [""]
        for line in lines:
            if y < margin:
                pdf.showPage()
                pdf.setFont("Helvetica", font_size)
                y = height - margin
            pdf.drawString(margin, y, line)
            y -= leading
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def scan_images(pdf: bytes, dpi: int = 300, seed: int = 7) -> list:
    """Each page rendered, slightly rotated and speckled, as a photocopier would."""
    import pypdfium2 as pdfium
    from PIL import Image

    rng = random.Random(seed)
    images = []
    document = pdfium.PdfDocument(pdf)
    for page in document:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(rng.uniform(-0.8, 0.8), expand=False, fillcolor=255,
                             resample=Image.BICUBIC)
        pixels = image.load()
        for _ in range(image.width * image.height // 3000):
            pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.choice((0, 255))
        images.append(image)
    document.close()
    return images


def scanned_pdf(text: str) -> bytes:
    """An image-only PDF of the text (no text layer), as from a scanner."""
    images = scan_images(text_pdf(text, font_size=11))
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=300, save_all=True, append_images=images[1:])
    return out.getvalue()


def image_bytes(text: str, fmt: str = "PNG", pages: int = 1) -> bytes:
    images = scan_images(text_pdf(text, font_size=11))[:pages]
    out = io.BytesIO()
    if fmt == "TIFF":
        images[0].save(out, format="TIFF", save_all=True, append_images=images[1:],
                       compression="tiff_deflate")
    else:
        images[0].save(out, format=fmt)
    return out.getvalue()


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(expanded_mb: int = 300) -> bytes:
    """A DOCX whose main part inflates from a few hundred KB to hundreds of MB."""
    base = docx_bytes(["harmless"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(
            out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data + b" " * (expanded_mb * 1024 * 1024)
            dst.writestr(item.filename, data)
    return out.getvalue()


def encrypted_pdf(text: str, password: str = "s3cret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(text_pdf(text))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def huge_png_header(width: int = 100_000, height: int = 100_000) -> bytes:
    """A valid PNG signature and IHDR declaring enormous dimensions, with a tiny IDAT."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


def fhir_bundle(*resources: dict) -> bytes:
    return json.dumps({"resourceType": "Bundle", "type": "collection",
                       "entry": [{"resource": r} for r in resources]}).encode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
