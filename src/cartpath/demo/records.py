"""Demo records: a few invented reports for the demo cases, read at once, some facts confirmed.

Every patient, clinic and value here is fictional and matches demo/people.py. The files are
made here (a text-layer PDF, a scanned page, plain text), so the demo needs no download.
"""

from __future__ import annotations

import io

from cartpath.vault import services
from cartpath.vault.models import Fact
from cartpath.vault.processing import process

MARIA_PATHOLOGY = """SURGICAL PATHOLOGY REPORT
Porto Demo Oncology Clinic (fictional)
Patient: Maria Santos    DOB: 14/03/1967
Specimen: left cervical lymph node, excisional biopsy.
FINAL DIAGNOSIS: Diffuse large B-cell lymphoma, not otherwise specified.
Immunohistochemistry: CD20 positive, CD19 positive, CD10 negative, BCL6 positive.
Comment: the patient is a 58-year-old woman with relapsed disease after R-CHOP.
"""

MARIA_TREATMENT = """TREATMENT SUMMARY
Maria Santos (fictional), 58-year-old woman.
Diagnosis: diffuse large B-cell lymphoma.
First line: six cycles of R-CHOP, complete response.
Relapse seven months after the end of first-line therapy.
ECOG performance status 1.
"""

MARIA_PET = """PET/CT REPORT
Examination: PET/CT skull base to mid-thigh.
Findings: FDG-avid cervical and mediastinal nodes, SUVmax 14.2, Deauville 5.
Impression: relapsed lymphoma.
"""

JAMES_CONSULT = """CONSULTATION NOTE
Reason for consultation: CAR-T assessment.
Mr James O'Connor (fictional) is a 64-year-old man with multiple myeloma.
He progressed on lenalidomide maintenance and is lenalidomide-refractory.
Prior therapy: VRd, autologous stem cell transplant, then daratumumab, carfilzomib and dexamethasone.
No prior BCMA-directed therapy. ECOG performance status 1.
"""

LUCAS_FLOW = """FLOW CYTOMETRY REPORT
Bone marrow aspirate, immunophenotyping.
Patient: Lucas Pereira (fictional), 19-year-old man.
Diagnosis: B-cell acute lymphoblastic leukemia, second relapse.
Blasts 35% of nucleated cells; CD19 positive, CD22 positive, CD10 positive.
"""

# case key -> [(file name, builder, text)]
RECORDS = {
    "maria": [("pathology-2025-11.pdf", "pdf", MARIA_PATHOLOGY),
              ("treatment-summary-scan.pdf", "scan", MARIA_TREATMENT),
              ("pet-ct.txt", "text", MARIA_PET)],
    "james": [("consult-note.pdf", "pdf", JAMES_CONSULT)],
    "lucas": [("flow-cytometry.txt", "text", LUCAS_FLOW)],
}
# Facts the demo navigator has already confirmed (fields per case).
CONFIRMED = {"maria": ("age_years", "disease", "histology", "ecog"),
             "james": ("age_years", "ecog")}


def text_pdf(text: str) -> bytes:
    """A one-page PDF with a text layer, written by hand (no PDF library at run time)."""
    lines = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
             for line in text.splitlines()]
    body = "BT /F1 11 Tf 14 TL 54 740 Td " + " ".join(f"({line}) '" for line in lines) + " ET"
    content = body.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def scanned_pdf(text: str) -> bytes:
    """The text drawn on a page image, saved as an image-only PDF (it needs OCR)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1275, 1650), 255)  # letter at 150 dpi
    draw, font = ImageDraw.Draw(image), ImageFont.load_default(size=26)
    for number, line in enumerate(text.splitlines()):
        draw.text((110, 120 + number * 42), line, fill=0, font=font)
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=150)
    return out.getvalue()


BUILDERS = {"pdf": text_pdf, "scan": scanned_pdf, "text": lambda t: t.encode("utf-8")}


def load(world) -> None:  # noqa: ANN001
    for key, files in RECORDS.items():
        case = world.cases.get(key)
        if case is None or case.documents.exists():
            continue  # idempotent: records are added once
        navigator = case.navigator or world.users.get("nina")
        for name, kind, text in files:
            outcome = services.upload(None, case, name, BUILDERS[kind](text), actor=navigator)
            if outcome.document is not None and outcome.status == services.ACCEPTED:
                process(outcome.document.pk)  # synchronously: the demo needs no worker
        for field in CONFIRMED.get(key, ()):
            fact = Fact.objects.filter(case=case, field=field).first()
            if fact is not None:
                _confirm(fact, navigator)


def _confirm(fact: Fact, navigator) -> None:  # noqa: ANN001
    from django.utils import timezone

    from cartpath.cases.models import CaseEvent
    from cartpath.cases.services import log_event

    fact.status, fact.reviewed_by, fact.reviewed_at = Fact.Status.CONFIRMED, navigator, timezone.now()
    fact.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    log_event(fact.case, CaseEvent.Kind.FACT, f"Fact confirmed: {fact.field} = {fact.value}",
              navigator)
