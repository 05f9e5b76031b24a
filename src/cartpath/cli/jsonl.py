"""JSON Lines plumbing shared by every batch command of the contract.

One output record per input record, in order, each carrying the input's ``id``. A line that
cannot be processed yields ``{"id", "error": {"code", "message"}}`` and the command exits 1
after finishing the rest of the batch.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any


class RecordError(Exception):
    """A per-record failure with a stable machine code, reported on that record's output."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@contextlib.contextmanager
def open_in(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdin
    else:
        # utf-8-sig: files saved by spreadsheet tools often start with a byte-order mark.
        with open(path, encoding="utf-8-sig") as handle:
            yield handle


@contextlib.contextmanager
def open_out(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
    else:
        with open(path, "w", encoding="utf-8") as handle:
            yield handle


def run_batch(
    input_path: str, output_path: str, process: Callable[[dict[str, Any]], dict[str, Any]]
) -> int:
    """Apply ``process`` to every record; return the exit status (0 all good, 1 any error)."""
    failed = False
    with open_in(input_path) as source, open_out(output_path) as sink:
        for line_number, line in enumerate(source, start=1):
            if line_number == 1:
                line = line.lstrip("\ufeff")
            if not line.strip():
                continue
            record_id: Any = None
            try:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise RecordError("invalid_json", f"line {line_number}: {exc.msg}") from exc
                if not isinstance(record, dict):
                    raise RecordError("invalid_record", f"line {line_number}: not a JSON object")
                record_id = record.get("id")
                result = {"id": record_id, **process(record)}
            except RecordError as exc:
                failed = True
                result = {"id": record_id, "error": {"code": exc.code, "message": exc.message}}
            except Exception as exc:  # a bug must not sink the rest of the batch
                failed = True
                result = {
                    "id": record_id,
                    "error": {"code": "internal_error", "message": f"{type(exc).__name__}: {exc}"},
                }
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 1 if failed else 0
