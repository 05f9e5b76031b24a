"""``cartpath extract FILE... --output F``: one JSON line per input file, in argument order.

Pure (no Django). A file that cannot be processed yields ``{"id", "error": {"code", "message"}}``
and the command exits 1 after processing the rest.
"""

from __future__ import annotations

import argparse
import json
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from cartpath.cli.jsonl import open_out


def register(subparsers) -> None:  # noqa: ANN001
    parser = subparsers.add_parser(
        "extract",
        help="extract case facts with evidence from documents (PDF, image, DOCX, TXT, FHIR JSON)",
        description="Read each document (OCR where needed), classify it and extract case facts; "
        "every value carries evidence (page, character offsets, text). Decision support only.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--output", "-o", default="-", help="JSON-lines output file (- = stdout)")
    parser.add_argument("--workers", type=int, default=1,
                        help="documents processed in parallel (processes; default 1)")
    parser.add_argument("--max-pages", type=int, default=None, help="page limit per document")
    parser.add_argument("--max-bytes", type=int, default=None, help="size limit per document")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    limits = _limits(args)
    jobs = [(path, limits) for path in args.files]
    failed = False
    with open_out(args.output) as sink:
        if args.workers > 1 and len(jobs) > 1:
            with ProcessPoolExecutor(max_workers=args.workers) as pool:
                results = pool.map(_process_one, jobs)
                for record in results:
                    failed |= "error" in record
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                    sink.flush()
        else:
            for job in jobs:
                record = _process_one(job)
                failed |= "error" in record
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                sink.flush()
    return 1 if failed else 0


def _limits(args: argparse.Namespace):  # noqa: ANN202
    from dataclasses import replace

    from cartpath.documents.limits import DEFAULT_LIMITS

    limits = DEFAULT_LIMITS
    if args.max_pages is not None:
        limits = replace(limits, max_pages=args.max_pages)
    if args.max_bytes is not None:
        limits = replace(limits, max_bytes=args.max_bytes)
    return limits


def _process_one(job: tuple[str, Any]) -> dict[str, Any]:
    from cartpath.documents import DocumentError, process_document

    path, limits = job
    record_id = os.path.basename(path)
    try:
        try:
            with open(path, "rb") as handle:
                data = handle.read(limits.max_bytes + 1)
        except OSError as exc:
            raise DocumentError("file_not_found", f"{record_id}: {exc.strerror}") from exc
        return process_document(data, limits).record(record_id)
    except DocumentError as exc:
        return {"id": record_id, "error": exc.as_dict()}
    except Exception as exc:  # a bug in one document must not sink the batch
        return {"id": record_id,
                "error": {"code": "internal_error", "message": f"{type(exc).__name__}: {exc}"}}
