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


def validate_case_facts(raw: Mapping[str, Any]) -> CaseFacts:
    """Check every contract field strictly; unknown extra fields are ignored."""
    record = as_mapping(raw, "record")
    prior = record.get("prior_lines")
    if prior is not None and not isinstance(prior, list):
        raise ValidationError("prior_lines", f"expected a list, got {prior!r}", "invalid_type")
    record_id = record.get("id")
    if record_id is not None and not isinstance(record_id, (str, int)) or isinstance(record_id, bool):
        raise ValidationError("id", f"expected a string, got {record_id!r}", "invalid_type")
    return CaseFacts(
        id=record_id,
        age_years=as_int(record, "age_years", 0, 120),
        sex=as_enum(record, "sex", vocab.SEX),
        disease=as_enum(record, "disease", vocab.DISEASES),
        histology=as_enum(record, "histology", vocab.HISTOLOGIES),
        disease_status=as_enum(record, "disease_status", vocab.DISEASE_STATUSES),
        n_prior_lines=as_int(record, "n_prior_lines", 0, 50),
        prior_lines=None if prior is None else tuple(
            validate_prior_line(item, index) for index, item in enumerate(prior)
        ),
        primary_refractory=as_bool(record, "primary_refractory"),
        months_from_end_of_1L_to_relapse=as_number(record, "months_from_end_of_1L_to_relapse", 0, 1200),
        hsct_candidate=as_bool(record, "hsct_candidate"),
        hsct_ineligibility_reason=as_str(record, "hsct_ineligibility_reason"),
        relapse_number=as_int(record, "relapse_number", 0, 50),
        refractory=as_bool(record, "refractory"),
        lenalidomide_refractory=as_bool(record, "lenalidomide_refractory"),
        days_from_last_lenalidomide_to_progression=as_number(
            record, "days_from_last_lenalidomide_to_progression", -36500, 36500
        ),
        prior_bcma_therapy=as_bool(record, "prior_bcma_therapy"),
        prior_car_t=as_bool(record, "prior_car_t"),
        prior_allo_hct=as_bool(record, "prior_allo_hct"),
        prior_car_t_product=as_str(record, "prior_car_t_product"),
        marrow_blasts_pct=as_number(record, "marrow_blasts_pct", 0, 100),
        ecog=as_int(record, "ecog", 0, 5),
    )
