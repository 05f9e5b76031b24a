"""Case facts (input of the pre-screen) as typed values, and their strict validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cartpath.clinical import vocab
from cartpath.clinical.checks import as_bool, as_enum, as_int, as_mapping, as_number, as_str
from cartpath.clinical.errors import ValidationError


@dataclass(frozen=True, slots=True)
class PriorLine:
    line: int | None = None
    regimen: str | None = None
    drugs: tuple[str, ...] | None = None
    drug_classes: tuple[str, ...] | None = None
    chemoimmunotherapy: bool | None = None
    best_response: str | None = None
    progressed_on_therapy: bool | None = None
    months_from_last_dose_to_progression: float | None = None
    stop_reason: str | None = None


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """One patient's facts; every field may be None, meaning "not documented"."""

    id: Any = None
    age_years: int | None = None
    sex: str | None = None
    disease: str | None = None
    histology: str | None = None
    disease_status: str | None = None
    n_prior_lines: int | None = None
    prior_lines: tuple[PriorLine, ...] | None = None
    primary_refractory: bool | None = None
    months_from_end_of_1L_to_relapse: float | None = None
    hsct_candidate: bool | None = None
    hsct_ineligibility_reason: str | None = None
    relapse_number: int | None = None
    refractory: bool | None = None
    lenalidomide_refractory: bool | None = None
    days_from_last_lenalidomide_to_progression: float | None = None
    prior_bcma_therapy: bool | None = None
    prior_car_t: bool | None = None
    prior_allo_hct: bool | None = None
    prior_car_t_product: str | None = None
    marrow_blasts_pct: float | None = None
    ecog: int | None = None


def _string_list(value: Any, name: str, allowed: frozenset[str] | None = None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise ValidationError(name, f"expected a list, got {value!r}", "invalid_type")
    out = []
    for index, item in enumerate(value):
        item_name = f"{name}[{index}]"
        if not isinstance(item, str):
            raise ValidationError(item_name, f"expected a string, got {item!r}", "invalid_type")
        if allowed is not None and item not in allowed:
            raise ValidationError(
                item_name, f"unknown code {item!r}; expected one of {', '.join(sorted(allowed))}",
                "unknown_code",
            )
        out.append(item)
    return tuple(out)


def validate_prior_line(raw: Any, index: int) -> PriorLine:
    base = f"prior_lines[{index}]"
    record = as_mapping(raw, base)
    p = f"{base}."
    return PriorLine(
        line=as_int(record, "line", 1, 50, p + "line"),
        regimen=as_str(record, "regimen", p + "regimen"),
        drugs=_string_list(record.get("drugs"), p + "drugs"),
        drug_classes=_string_list(record.get("drug_classes"), p + "drug_classes", vocab.DRUG_CLASSES),
        chemoimmunotherapy=as_bool(record, "chemoimmunotherapy", p + "chemoimmunotherapy"),
        best_response=as_enum(record, "best_response", vocab.BEST_RESPONSES, p + "best_response"),
        progressed_on_therapy=as_bool(record, "progressed_on_therapy", p + "progressed_on_therapy"),
        months_from_last_dose_to_progression=as_number(
            record, "months_from_last_dose_to_progression", -1200, 1200,
            p + "months_from_last_dose_to_progression",
        ),
        stop_reason=as_str(record, "stop_reason", p + "stop_reason"),
    )


_BOOL, _INT, _NUM, _ENUM, _STR = range(5)
# (field, kind, low/allowed, high): the whole case-facts contract except id and prior_lines.
_SPEC: tuple[tuple[str, int, Any, Any], ...] = (
    ("age_years", _INT, 0, 120),
    ("sex", _ENUM, vocab.SEX, None),
    ("disease", _ENUM, vocab.DISEASES, None),
    ("histology", _ENUM, vocab.HISTOLOGIES, None),
    ("disease_status", _ENUM, vocab.DISEASE_STATUSES, None),
    ("n_prior_lines", _INT, 0, 50),
    ("primary_refractory", _BOOL, None, None),
    ("months_from_end_of_1L_to_relapse", _NUM, 0, 1200),
    ("hsct_candidate", _BOOL, None, None),
    ("hsct_ineligibility_reason", _STR, None, None),
    ("relapse_number", _INT, 0, 50),
    ("refractory", _BOOL, None, None),
    ("lenalidomide_refractory", _BOOL, None, None),
    ("days_from_last_lenalidomide_to_progression", _NUM, -36500, 36500),
    ("prior_bcma_therapy", _BOOL, None, None),
    ("prior_car_t", _BOOL, None, None),
    ("prior_allo_hct", _BOOL, None, None),
    ("prior_car_t_product", _STR, None, None),
    ("marrow_blasts_pct", _NUM, 0, 100),
    ("ecog", _INT, 0, 5),
)
_CHECKERS = {
    _BOOL: lambda r, k, a, b: as_bool(r, k),
    _INT: lambda r, k, a, b: as_int(r, k, a, b),
    _NUM: lambda r, k, a, b: as_number(r, k, a, b),
    _ENUM: lambda r, k, a, b: as_enum(r, k, a),
    _STR: lambda r, k, a, b: as_str(r, k),
}


def validate_case_facts(raw: Mapping[str, Any]) -> CaseFacts:
    """Check every contract field strictly; unknown extra fields are ignored."""
    record = as_mapping(raw, "record")
    record_id = record.get("id")
    if isinstance(record_id, bool) or not (record_id is None or isinstance(record_id, (str, int))):
        raise ValidationError("id", f"expected a string, got {record_id!r}", "invalid_type")
    values: dict[str, Any] = {"id": record_id}
    get = record.get
    for name, kind, low, high in _SPEC:
        value = get(name)
        if value is None:
            continue
        # Fast path for the common well-typed values; anything else goes through the full check.
        if kind == _ENUM and value.__class__ is str and value in low:
            values[name] = value
        elif kind == _BOOL and value.__class__ is bool:
            values[name] = value
        elif kind == _INT and value.__class__ is int and low <= value <= high:
            values[name] = value
        else:
            values[name] = _CHECKERS[kind](record, name, low, high)
    prior = get("prior_lines")
    if prior is not None:
        if not isinstance(prior, list):
            raise ValidationError("prior_lines", f"expected a list, got {prior!r}", "invalid_type")
        values["prior_lines"] = tuple(validate_prior_line(item, index) for index, item in enumerate(prior))
    return CaseFacts(**values)
