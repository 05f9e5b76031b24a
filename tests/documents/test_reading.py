from __future__ import annotations

from cartpath.documents import (
    DocumentError, Limits, page_count, read_page, read_pages, render_page_png)
from tests.documents.builders import docx_bytes, mtsample, text_pdf


def _words(text: str) -> list[str]:
    return text.split()


def test_it_reads_the_text_layer_of_a_real_report_page_by_page():
    source = mtsample("1270")
    pdf = text_pdf(source)
    pages = read_pages(pdf, "pdf")
    assert len(pages) == page_count(pdf, "pdf") >= 2
    assert all(p.method == "text_layer" for p in pages)
    joined = " ".join(" ".join(p.text.split()) for p in pages)
    assert "Erythema nodosum" in joined or "erythema nodosum" in joined.lower()
    assert "\r" not in joined


def test_it_reports_progress_page_by_page_and_can_resume_from_a_later_page():
    pdf = text_pdf(mtsample("1270"))
    seen: list[tuple[int, int]] = []
    total = page_count(pdf, "pdf")
    resumed = read_pages(pdf, "pdf", progress=lambda i, n: seen.append((i, n)), start=1)
    assert seen == [(i, total) for i in range(2, total + 1)]
    assert resumed[0].index == 1 and resumed[0].text == read_page(pdf, "pdf", 1).text


def test_it_refuses_a_page_that_does_not_exist():
    try:
        read_page(text_pdf("short report " * 10), "pdf", 5)
    except DocumentError as exc:
        assert exc.code == "page_out_of_range"
    else:
        raise AssertionError("expected page_out_of_range")


def test_it_renders_a_page_image_for_the_viewer():
    png = render_page_png(text_pdf(mtsample("1622")), "pdf", 0, dpi=50)
    assert png.startswith(b"\x89PNG")


def test_it_reads_docx_paragraphs_and_table_rows_in_order():
    data = docx_bytes(["Diagnosis: diffuse large B-cell lymphoma."],
                      [["Test", "Result", "Unit"], ["Creatinine", "1.1", "mg/dL"]])
    page = read_page(data, "docx", 0)
    assert page.method == "docx"
    assert page.text.index("Diagnosis") < page.text.index("Creatinine | 1.1 | mg/dL")


def test_it_decodes_utf8_with_bom_and_latin1_text_files():
    assert read_page("\ufeffCafé report".encode("utf-8"), "text", 0).text == "Café report"
    assert read_page("Café report".encode("latin-1"), "text", 0).text == "Café report"


def test_it_splits_text_files_into_pages_at_form_feeds():
    data = b"Page one text\r\n\fPage two text\n"
    assert page_count(data, "text") == 2
    assert read_page(data, "text", 1).text.strip() == "Page two text"


def test_it_reads_only_pages_within_the_limit():
    pdf = text_pdf(mtsample("1270"))
    try:
        page_count(pdf, "pdf", Limits(max_pages=1))
    except DocumentError as exc:
        assert exc.code == "too_many_pages"
    else:
        raise AssertionError("expected too_many_pages")
