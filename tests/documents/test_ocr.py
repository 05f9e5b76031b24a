"""The OCR path on real report text (Tesseract runs for real; kept to a few pages)."""

from __future__ import annotations

import pytest

from cartpath.documents import process_document, read_page, read_pages
from tests.documents.builders import image_bytes, mtsample, scanned_pdf

REPORT = (
    "HEMATOLOGY CONSULTATION\n"
    "The patient is a 56-year-old male with the history of multiple myeloma.\n"
    "He received 4 cycles of VRd and underwent autologous stem cell transplant in 2021.\n"
    "Laboratory data: creatinine 1.4 mg/dL, platelets 112, hemoglobin 10.2 g/dL.\n"
    "ECOG performance status 1.\n"
)


@pytest.fixture(scope="module")
def scanned_result():
    return process_document(scanned_pdf(REPORT))


def test_a_scanned_pdf_page_without_text_layer_is_ocred(scanned_result):
    page = scanned_result.pages[0]
    assert page.method == "ocr"
    assert "multiple myeloma" in page.text


def test_facts_from_a_scan_point_at_the_ocr_text(scanned_result):
    facts = scanned_result.extraction.facts
    assert facts["age_years"] == 56 and facts["disease"] == "MM" and facts["ecog"] == 1
    assert facts["transplant"]["autologous"] is True
    text = scanned_result.pages[0].text
    for item in scanned_result.extraction.evidence_dicts():
        assert text[item["start"]:item["end"]] == item["text"]


def test_a_png_photo_of_a_real_report_is_ocred():
    page = read_page(image_bytes(mtsample("1622")[:900], "PNG"), "png", 0)
    assert page.method == "ocr"
    assert "multiple myeloma" in " ".join(page.text.split()).lower()


def test_each_page_of_a_multipage_tiff_is_read():
    text = "First page: follicular lymphoma.\n" + "\n" * 70 + "Second page: ECOG 2."
    pages = read_pages(image_bytes(text, "TIFF", pages=2), "tiff")
    assert len(pages) == 2
    assert "follicular" in pages[0].text.lower() and "ECOG" in pages[1].text
