"""The trial record every other module works on, and the readers that build it.

Three input shapes are accepted because the platform meets all three:

* TrialGPT / BEIR style ``{"_id", "title", "text", "metadata": {...}}`` (TREC CT corpora);
* ClinicalTrials.gov API v2 study objects ``{"protocolSection": {...}, ...}``;
* the flat CAR-T extract ``{"nct_id", "brief_title", ..., "ctgov_v2_partial"}``.

Anything missing stays ``None`` / empty: a trial without an age limit in the record is not a
trial "for all ages", it is a trial whose limit we do not know — except that ClinicalTrials.gov
itself documents an absent minimumAge/maximumAge as "no limit", which is what we store.
"""

from __future__ import annotations

import ast
import re
from dataclasses import asdict, dataclass, field
from typing import Any


class TrialFormatError(ValueError):
    """A record that is none of the accepted trial shapes."""


@dataclass(frozen=True)
class Intervention:
    type: str  # API v2 enum (DRUG, BIOLOGICAL, ...) or "" when unknown
    name: str
    other_names: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Location:
    facility: str = ""
    city: str = ""
    state: str = ""
    country: str = ""
    status: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass
class Trial:
    nct_id: str
    title: str = ""
    official_title: str = ""
    brief_summary: str = ""
    detailed_description: str = ""
    conditions: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    eligibility_text: str = ""
    sex: str | None = None  # ALL / FEMALE / MALE, None when the record does not say
    min_age_years: float | None = None  # None = no lower limit documented
    max_age_years: float | None = None
    overall_status: str | None = None  # API v2 enum, e.g. RECRUITING
    phases: list[str] = field(default_factory=list)  # API v2 enum, e.g. PHASE1
    study_type: str | None = None
    locations: list[Location] = field(default_factory=list)
    last_update: str | None = None  # lastUpdatePostDate, ISO date
    extra_text: str = ""  # free text with no known field (e.g. a TrialGPT "text" blob)

    @property
    def intervention_names(self) -> list[str]:
        names: list[str] = []
        for item in self.interventions:
            names.append(item.name)
            names.extend(item.other_names)
        return names

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Trial:
        data = dict(data)
        data["interventions"] = [
            Intervention(
                i.get("type", ""), i.get("name", ""), tuple(i.get("other_names", ())),
                i.get("description", ""),
            )
            for i in data.get("interventions", [])
        ]
        data["locations"] = [Location(**loc) for loc in data.get("locations", [])]
        return cls(**data)


# ---------------------------------------------------------------------------------------------
# small normalisers

_AGE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(year|yr|month|week|day|hour|minute)", re.I)
_AGE_UNIT_YEARS = {"year": 1.0, "yr": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25,
                   "hour": 1 / 8766, "minute": 1 / 525960}


def parse_age(value: Any) -> float | None:
    """'18 Years' -> 18.0, '6 Months' -> 0.5; 'N/A', '' or None -> None (no limit)."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    match = _AGE_RE.search(str(value))
    if not match:
        return None
    return float(match.group(1)) * _AGE_UNIT_YEARS[match.group(2).lower()]


def normalise_sex(value: Any) -> str | None:
    text = str(value or "").strip().upper()
    if text in ("ALL", "BOTH"):
        return "ALL"
    if text in ("FEMALE", "MALE"):
        return text
    return None


def normalise_status(value: Any) -> str | None:
    text = str(value or "").strip()
    if not text:
        return None
    return re.sub(r"[^A-Z0-9]+", "_", text.upper()).strip("_")


def normalise_phases(value: Any) -> list[str]:
    """'Phase 1/Phase 2' -> ['PHASE1', 'PHASE2']; ['PHASE2'] stays; 'N/A' -> ['NA']."""
    if not value:
        return []
    if isinstance(value, str) and value.strip().upper() in ("N/A", "NA", "NOT APPLICABLE"):
        return ["NA"]
    items = value if isinstance(value, list) else re.split(r"[/,]", str(value))
    out: list[str] = []
    for item in items:
        text = str(item).strip().upper()
        if not text:
            continue
        if text in ("N/A", "NA", "NOT APPLICABLE"):
            out.append("NA")
            continue
        early = "EARLY" in text
        digits = re.findall(r"[1-4]", text)
        for d in digits:
            out.append(("EARLY_PHASE" if early else "PHASE") + d)
    return out


def _as_list(value: Any) -> list[str]:
    """Lists arrive as real lists or, in TrialGPT metadata, as their Python repr."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    text = str(value).strip()
    if text.startswith("["):
        try:
            parsed = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            parsed = None
        if isinstance(parsed, list):
            return [str(v) for v in parsed if str(v).strip()]
    return [text]


# ---------------------------------------------------------------------------------------------
# readers


def trial_from_record(record: Any) -> Trial:
    """Build a :class:`Trial` from any accepted record shape, or raise TrialFormatError."""
    if not isinstance(record, dict):
        raise TrialFormatError("a trial record must be a JSON object")
    if "protocolSection" in record:
        return trial_from_ctgov_v2(record)
    if "ctgov_v2_partial" in record and isinstance(record["ctgov_v2_partial"], dict):
        trial = trial_from_ctgov_v2(record["ctgov_v2_partial"])
        if record.get("eligibility_criteria") and not trial.eligibility_text:
            trial.eligibility_text = str(record["eligibility_criteria"])
        return trial
    if "_id" in record:
        return trial_from_trialgpt(record)
    if "nct_id" in record:
        return trial_from_trialgpt({
            "_id": record["nct_id"], "title": record.get("brief_title", ""),
            "metadata": {k: v for k, v in record.items() if k != "nct_id"},
        })
    raise TrialFormatError(
        "not a trial record: expected '_id' (TrialGPT corpus) or 'protocolSection' "
        "(ClinicalTrials.gov API v2 study)"
    )


def trial_from_trialgpt(record: dict[str, Any]) -> Trial:
    nct_id = record.get("_id")
    if not isinstance(nct_id, str) or not nct_id.strip():
        raise TrialFormatError("'_id' must be a non-empty string")
    meta = record.get("metadata") or {}
    if not isinstance(meta, dict):
        raise TrialFormatError("'metadata' must be an object")
    title = str(record.get("title") or meta.get("brief_title") or "")
    eligibility = str(meta.get("eligibility_criteria") or "")
    if not eligibility and (meta.get("inclusion_criteria") or meta.get("exclusion_criteria")):
        eligibility = (
            "Inclusion Criteria:\n" + str(meta.get("inclusion_criteria") or "")
            + "\nExclusion Criteria:\n" + str(meta.get("exclusion_criteria") or "")
        )
    summary = str(meta.get("brief_summary") or "")
    description = str(meta.get("detailed_description") or "")
    text = str(record.get("text") or "")
    # The "text" blob repeats some fields; use it only for what the metadata does not carry
    # (no metadata at all, or — as in TrialGPT's own corpus files — no detailed description).
    use_text = bool(text) and ("detailed_description" not in meta or
                               not (summary or description or eligibility))
    return Trial(
        nct_id=nct_id.strip(),
        title=title,
        official_title=str(meta.get("official_title") or ""),
        brief_summary=summary,
        detailed_description=description,
        conditions=(_as_list(meta.get("diseases_list") or meta.get("diseases"))
                    + _as_list(meta.get("condition_mesh"))),
        keywords=_as_list(meta.get("keywords")),
        interventions=[Intervention("", name) for name in
                       _as_list(meta.get("drugs_list") or meta.get("drugs"))],
        eligibility_text=eligibility,
        sex=normalise_sex(meta.get("gender") or meta.get("sex")),
        min_age_years=parse_age(meta.get("minimum_age") or meta.get("min_age")),
        max_age_years=parse_age(meta.get("maximum_age") or meta.get("max_age")),
        overall_status=normalise_status(meta.get("overall_status")),
        phases=normalise_phases(meta.get("phase")),
        study_type=normalise_status(meta.get("study_type")),
        # Only fall back on the blob when no structured text exists, so nothing is counted twice.
        extra_text=text if use_text else "",
    )


def trial_from_ctgov_v2(study: dict[str, Any]) -> Trial:
    proto = study.get("protocolSection")
    if not isinstance(proto, dict):
        raise TrialFormatError("'protocolSection' must be an object")
    ident = proto.get("identificationModule") or {}
    nct_id = ident.get("nctId")
    if not isinstance(nct_id, str) or not nct_id.strip():
        raise TrialFormatError("protocolSection.identificationModule.nctId is missing")
    status = proto.get("statusModule") or {}
    desc = proto.get("descriptionModule") or {}
    cond = proto.get("conditionsModule") or {}
    design = proto.get("designModule") or {}
    arms = proto.get("armsInterventionsModule") or {}
    elig = proto.get("eligibilityModule") or {}
    contacts = proto.get("contactsLocationsModule") or {}
    derived = study.get("derivedSection") or {}
    browse = derived.get("conditionBrowseModule") or {}
    mesh = [m.get("term", "") for m in browse.get("meshes", [])]
    interventions = [
        Intervention(
            str(i.get("type") or ""), str(i.get("name") or ""),
            tuple(str(n) for n in i.get("otherNames") or ()), str(i.get("description") or ""),
        )
        for i in arms.get("interventions") or []
    ]
    locations = []
    for loc in contacts.get("locations") or []:
        geo = loc.get("geoPoint") or {}
        locations.append(Location(
            facility=str(loc.get("facility") or ""), city=str(loc.get("city") or ""),
            state=str(loc.get("state") or ""), country=str(loc.get("country") or ""),
            status=str(loc.get("status") or ""),
            lat=_float_or_none(geo.get("lat")), lon=_float_or_none(geo.get("lon")),
        ))
    has_eligibility = bool(elig)
    return Trial(
        nct_id=nct_id.strip(),
        title=str(ident.get("briefTitle") or ""),
        official_title=str(ident.get("officialTitle") or ""),
        brief_summary=str(desc.get("briefSummary") or ""),
        detailed_description=str(desc.get("detailedDescription") or ""),
        conditions=[str(c) for c in cond.get("conditions") or []] + [m for m in mesh if m],
        keywords=[str(k) for k in cond.get("keywords") or []],
        interventions=interventions,
        eligibility_text=str(elig.get("eligibilityCriteria") or ""),
        sex=normalise_sex(elig.get("sex")),
        # API v2: an absent age limit inside a present eligibilityModule means "no limit".
        min_age_years=parse_age(elig.get("minimumAge")) if has_eligibility else None,
        max_age_years=parse_age(elig.get("maximumAge")) if has_eligibility else None,
        overall_status=normalise_status(status.get("overallStatus")),
        phases=normalise_phases(design.get("phases")),
        study_type=normalise_status(design.get("studyType")),
        locations=locations,
        last_update=(status.get("lastUpdatePostDateStruct") or {}).get("date"),
    )


def _float_or_none(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
