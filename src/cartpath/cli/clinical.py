"""Batch commands of the clinical core: ``prescreen``, ``grade crs|icans``, ``score hematotox|easix``.

JSON Lines in, JSON Lines out (shared/contracts/README.md). No Django import: start-up stays fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from cartpath.cli.jsonl import RecordError, run_batch


def _guard(func: Callable[[dict[str, Any]], dict[str, Any]]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Turn a ValidationError into a per-record error naming the field."""
    from cartpath.clinical.errors import ValidationError

    def process(record: dict[str, Any]) -> dict[str, Any]:
        _check_id(record)
        try:
            return func(record)
        except ValidationError as exc:
            raise RecordError(exc.code, exc.message) from exc

    return process


def _check_id(record: dict[str, Any]) -> None:
    """Every output line must carry the caller's id: a record without one cannot be matched back."""
    record_id = record.get("id")
    if record_id is None:
        raise RecordError("missing_field", "id: required (the caller's identifier, echoed back)")
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int)):
        raise RecordError("invalid_type", f"id: expected a string, got {record_id!r}")


def _prescreen(args: argparse.Namespace) -> int:
    from cartpath.clinical.catalogue import load_catalogue
    from cartpath.clinical.facts import validate_case_facts
    from cartpath.clinical.prescreen import PrescreenEngine

    engine = PrescreenEngine(load_catalogue(args.catalogue_extra or None))

    def process(record: dict[str, Any]) -> dict[str, Any]:
        return engine.run(validate_case_facts(record))

    return run_batch(args.input, args.output, _guard(process))


def _grade(args: argparse.Namespace) -> int:
    from cartpath.clinical.crs import grade_crs
    from cartpath.clinical.icans import grade_icans

    func = grade_crs if args.kind == "crs" else grade_icans
    return run_batch(args.input, args.output, _guard(func))


def _score(args: argparse.Namespace) -> int:
    from cartpath.clinical.easix import easix
    from cartpath.clinical.hematotox import hematotox

    if args.kind == "hematotox":
        boundary = args.boundary

        def func(record: dict[str, Any]) -> dict[str, Any]:
            return hematotox(record, boundary=boundary)
    else:
        func = easix
    return run_batch(args.input, args.output, _guard(func))


def _io(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, help="JSON Lines input file ('-' = stdin)")
    parser.add_argument("--output", required=True, help="JSON Lines output file ('-' = stdout)")


def register(subparsers) -> None:  # noqa: ANN001
    prescreen = subparsers.add_parser(
        "prescreen", help="on-label pre-screen of case facts against every catalogue product"
    )
    _io(prescreen)
    prescreen.add_argument(
        "--catalogue-extra", action="append", metavar="FILE",
        help="extra product file(s) to load (also CARTPATH_CATALOGUE_EXTRA)",
    )
    prescreen.set_defaults(handler=_prescreen)

    grade = subparsers.add_parser("grade", help="ASTCT 2019 grading of CRS or ICANS")
    grade.add_argument("kind", choices=("crs", "icans"))
    _io(grade)
    grade.set_defaults(handler=_grade)

    score = subparsers.add_parser("score", help="CAR-HEMATOTOX or EASIX from laboratory values")
    score.add_argument("kind", choices=("hematotox", "easix"))
    _io(score)
    score.add_argument(
        "--boundary", choices=("risk_side", "protective_side"), default="risk_side",
        help="CAR-HEMATOTOX boundary convention (default: risk_side, as in the reference table)",
    )
    score.set_defaults(handler=_score)
