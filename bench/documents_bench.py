"""Speed of the document core on real report text (MTSamples), medians over repeats.

    .venv/bin/python bench/documents_bench.py [--repeat N] [--packet-repeat N]

1. text-layer PDF: pages read per second (target >= 20), and pages per second to facts;
2. OCR: seconds per scanned page, 300 dpi render + Tesseract, one thread (target <= 3 s);
3. a packet of 20 documents, 60 pages, half of them scanned, through ``cartpath extract
   --workers 2`` to facts (target <= 120 s on 2 cores).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(1, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from cartpath.documents import process_document, read_page, read_pages  # noqa: E402
from tests.documents.builders import scan_images, text_pdf  # noqa: E402

CORPUS = Path("/work/shared/corpora/mtsamples/mtsamples_2018_scrape.jsonl")


def corpus_texts(min_chars: int = 3000, limit: int = 60) -> list[str]:
    texts = []
    with open(CORPUS, encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["transcription"]
            if len(text) >= min_chars:
                texts.append(text)
            if len(texts) >= limit:
                break
    return texts


def first_pages(pdf: bytes, n: int) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages[:n]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def document_pdf(texts: list[str], pages: int) -> bytes:
    """A text PDF of exactly ``pages`` pages of report text."""
    pdf = text_pdf("\n\n".join(texts))
    return first_pages(pdf, pages)


def scanned(pdf: bytes) -> bytes:
    images = scan_images(pdf)
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=300, save_all=True, append_images=images[1:])
    return out.getvalue()


def cpu_seconds() -> float:
    """CPU time of this process and every finished descendant (Tesseract, workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def median_time(fn, repeat: int) -> tuple[float, float]:  # noqa: ANN001
    """Median wall-clock and CPU seconds. On a shared machine the wall clock includes waiting
    for cores other programs hold, so the CPU time is reported next to it."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), cpu_seconds()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--packet-repeat", type=int, default=1)
    args = parser.parse_args()
    texts = corpus_texts()
    results: dict[str, float] = {"load_average_1min": os.getloadavg()[0], "cores": os.cpu_count()}
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    big = document_pdf(texts[:40], 50)
    n = len(read_pages(big, "pdf"))
    wall, cpu = median_time(lambda: read_pages(big, "pdf"), args.repeat)
    results["text_pdf_pages_per_s_read"] = round(n / wall, 1)
    results["text_pdf_pages_per_cpu_s_read"] = round(n / cpu, 1)
    wall, cpu = median_time(lambda: process_document(big), args.repeat)
    results["text_pdf_pages_per_s_to_facts"] = round(n / wall, 1)
    results["text_pdf_pages_per_cpu_s_to_facts"] = round(n / cpu, 1)
    print(f"text-layer PDF, {n} pages: read {results['text_pdf_pages_per_s_read']} pages/s "
          f"({results['text_pdf_pages_per_cpu_s_read']}/CPU-s); to facts "
          f"{results['text_pdf_pages_per_s_to_facts']} pages/s "
          f"({results['text_pdf_pages_per_cpu_s_to_facts']}/CPU-s) (target >= 20)")

    scan = scanned(document_pdf(texts[40:43], 3))
    walls, cpus = [], []
    for _ in range(max(1, args.repeat // 2)):
        for index in range(3):
            start, cpu0 = time.perf_counter(), cpu_seconds()
            page = read_page(scan, "pdf", index)
            walls.append(time.perf_counter() - start)
            cpus.append(cpu_seconds() - cpu0)
            assert page.method == "ocr"
    results["ocr_seconds_per_page"] = round(statistics.median(walls), 2)
    results["ocr_cpu_seconds_per_page"] = round(statistics.median(cpus), 2)
    print(f"OCR (dense 300 dpi pages): {results['ocr_seconds_per_page']} s per page wall, "
          f"{results['ocr_cpu_seconds_per_page']} CPU-s, median of {len(walls)} (target <= 3)")

    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(20):
            pdf = document_pdf(texts[i * 2: i * 2 + 3], 3)
            path = Path(tmp) / f"doc{i:02d}.pdf"
            path.write_bytes(scanned(pdf) if i % 2 else pdf)
            files.append(str(path))
        out = Path(tmp) / "out.jsonl"
        command = [sys.executable, "-m", "cartpath.cli", "extract", *files, "--workers", "2",
                   "--output", str(out)]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        wall, cpu = median_time(lambda: subprocess.run(command, check=True, env=env),
                                args.packet_repeat)
        records = [json.loads(x) for x in out.read_text().splitlines()]
        pages = sum(r.get("pages", 0) for r in records)
        assert len(records) == 20 and not any("error" in r for r in records)
    results["packet_seconds"] = round(wall, 1)
    results["packet_cpu_seconds"] = round(cpu, 1)
    results["packet_pages"] = pages
    print(f"packet: 20 documents, {pages} pages (30 scanned), 2 workers: {wall:.1f} s wall, "
          f"{cpu:.1f} CPU-s, i.e. {cpu / 2:.1f} s on two free cores (target <= 120)")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
