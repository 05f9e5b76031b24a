"""Record packet benchmark: 20 documents, 60 pages (half of the documents scanned), uploaded to
one case and read by 2 real ``cartpath worker`` processes until every document is ready with its
facts proposed for review. Target: <= 2 minutes per packet.

    .venv/bin/python bench/vault_packet_bench.py [--runs 3] [--workers 2]

Each run uses a fresh SQLite database and vault under a temporary directory; prints each run
and the median. Report texts are MTSamples transcriptions (/work/shared/corpora/mtsamples).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("/work/shared/corpora/mtsamples/haem_dev")
DOCUMENTS, PAGES_PER_DOCUMENT = 20, 3


def _pdf(text: str, pages: int) -> bytes:
    """Exactly ``pages`` letter pages of wrapped report text (reportlab, a test dependency)."""
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    lines: list[str] = []
    for paragraph in text.splitlines():
        lines.extend(simpleSplit(paragraph, "Helvetica", 10, 504) or [""])
    per_page = max(1, -(-len(lines) // pages))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=letter, invariant=1)
    for number in range(pages):
        pdf.setFont("Helvetica", 10)
        y = 738
        for line in lines[number * per_page:(number + 1) * per_page][:52]:
            pdf.drawString(54, y, line)
            y -= 13
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _scan(pdf: bytes, dpi: int = 200) -> bytes:
    import io

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = [p.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for p in document]
    document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def build_packet() -> list[tuple[str, bytes]]:
    texts = sorted(CORPUS.glob("*.txt"))
    packet = []
    for i in range(DOCUMENTS):
        source = texts[i % len(texts)]
        text = f"Packet document {i + 1}\n" + source.read_text(encoding="utf-8")
        pdf = _pdf(text, PAGES_PER_DOCUMENT)
        scanned = i % 2 == 1
        packet.append((f"{i + 1:02d}-{source.stem[:40]}{'-scan' if scanned else ''}.pdf",
                       _scan(pdf) if scanned else pdf))
    return packet


def upload_packet(files_dir: str) -> None:
    """Runs inside a subprocess configured for the run's database."""
    from cartpath.cli.platform import setup_django

    setup_django()
    sys.path.insert(0, str(ROOT))
    from cartpath.vault import services
    from tests.vault.durability_world import setup_case

    case, navigator = setup_case("bench")
    for path in sorted(Path(files_dir).iterdir()):
        outcome = services.upload(None, case, path.name, path.read_bytes(), actor=navigator)
        assert outcome.status == "accepted", outcome


def one_run(packet: list[tuple[str, bytes]], workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="vault-bench-") as tmp:
        var = Path(tmp)
        env = dict(os.environ, CARTPATH_VAR_DIR=str(var), PYTHONPATH=str(ROOT),
                   DJANGO_SETTINGS_MODULE="cartpath.web.settings")
        env.pop("DATABASE_URL", None)
        env.pop("TASKS_BACKEND", None)
        cli = [sys.executable, "-m", "cartpath.cli"]
        subprocess.run([*cli, "migrate"], env=env, check=True, capture_output=True)
        files = var / "packet"
        files.mkdir()
        for name, data in packet:
            (files / name).write_bytes(data)
        procs = [subprocess.Popen([*cli, "worker", "--queues", "documents", "--interval", "0.2"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for _ in range(workers)]
        try:
            time.sleep(3)  # workers up (Django start-up is not part of a packet's time)
            start = time.monotonic()
            subprocess.run([sys.executable, __file__, "--upload", str(files)], env=env,
                           check=True)
            uploaded = time.monotonic() - start
            db = var / "cartpath.sqlite3"
            while True:
                with sqlite3.connect(db, timeout=30) as c:
                    rows = c.execute("select status, count(*) from vault_document "
                                     "group by status").fetchall()
                states = dict(rows)
                if sum(states.get(s, 0) for s in ("ready", "failed")) >= len(packet):
                    break
                if time.monotonic() - start > 900:
                    raise RuntimeError(f"packet not done after 15 minutes: {states}")
                time.sleep(0.5)
            elapsed = time.monotonic() - start
            with sqlite3.connect(db) as c:
                pages = c.execute("select count(*) from vault_documentpage").fetchone()[0]
                facts = c.execute("select count(*) from vault_fact").fetchone()[0]
                ocr = c.execute("select count(*) from vault_documentpage where method='ocr'"
                                ).fetchone()[0]
        finally:
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            for proc in procs:
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
    return {"seconds": round(elapsed, 1), "upload_seconds": round(uploaded, 1),
            "documents": len(packet), "pages": pages, "ocr_pages": ocr, "facts": facts,
            "failed": states.get("failed", 0)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--upload", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.upload:
        upload_packet(args.upload)
        return 0
    packet = build_packet()
    results = []
    for number in range(args.runs):
        result = one_run(packet, args.workers)
        results.append(result)
        print(json.dumps({"run": number + 1, **result}), flush=True)
    median = statistics.median(r["seconds"] for r in results)
    print(json.dumps({"median_seconds": median, "target_seconds": 120,
                      "met": median <= 120, "workers": args.workers, "cpus": os.cpu_count(),
                      "load_average": os.getloadavg()[0]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
