"""Files for vault tests, built at test time: text PDFs, scanned PDFs, hostile files."""

from __future__ import annotations

import io
import zipfile

REPORT = """SURGICAL PATHOLOGY REPORT
Patient: Alice Example (fictional)
The patient is a 55-year-old woman with relapsed diffuse large B-cell lymphoma.
FINAL DIAGNOSIS: Diffuse large B-cell lymphoma, not otherwise specified.
Immunohistochemistry: CD20 positive, CD19 positive.
She received six cycles of R-CHOP with complete response, then relapsed.
ECOG performance status 1.
"""


def text_pdf(text: str = REPORT, pages: int = 1) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=letter, invariant=1)
    for number in range(pages):
        y = 720
        pdf.setFont("Helvetica", 12)
        for line in (text if number == 0 else f"Continuation page {number + 1}.\n{text}").split("\n"):
            pdf.drawString(54, y, line)
            y -= 18
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def scanned_pdf(text: str = REPORT, pages: int = 1, dpi: int = 150) -> bytes:
    """Pages rendered to images and saved as an image-only PDF (no text layer)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(text_pdf(text, pages))
    images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
              for page in document]
    document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def png(text: str = "ECOG performance status 2") -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (900, 200), 255)
    ImageDraw.Draw(image).text((20, 80), text, fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def encrypted_pdf(password: str = "s3cret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(text_pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(paragraphs: list[str]) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(expanded_mb: int = 150) -> bytes:
    """A DOCX whose main part inflates from a few hundred KB to many MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx(["harmless"]))) as src, zipfile.ZipFile(
            out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data + b" " * (expanded_mb * 1024 * 1024)
            dst.writestr(item.filename, data)
    return out.getvalue()


def html_as_pdf() -> bytes:
    return b"<html><body><script>alert(1)</script></body></html>"
