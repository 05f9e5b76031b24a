"""Structured per-trial columns (status, phase, sex, ages, targets, sites) and filtering on them.

Columns are NumPy arrays so a filter over 100,000 trials is a few vector comparisons. Unknown
values are kept distinct from "no limit": a filter on age keeps a trial whose limits are not
documented (a coordinator must look), and says so through :func:`demographic_fit`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .targets import ANTIGENS, MODALITIES, detect_antigens, detect_modalities
from .trial import Trial

STATUSES = ("RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING",
            "ENROLLING_BY_INVITATION", "COMPLETED", "SUSPENDED", "TERMINATED", "WITHDRAWN",
            "AVAILABLE", "NO_LONGER_AVAILABLE", "TEMPORARILY_NOT_AVAILABLE",
            "APPROVED_FOR_MARKETING", "WITHHELD", "UNKNOWN")
PHASES = ("EARLY_PHASE1", "PHASE1", "PHASE2", "PHASE3", "PHASE4", "NA")
SEXES = ("ALL", "FEMALE", "MALE")
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class TrialFacets:
    status: str | None
    phases: tuple[str, ...]
    sex: str | None
    min_age: float | None
    max_age: float | None
    antigens: tuple[str, ...]
    modalities: tuple[str, ...]
    sites: tuple[tuple[float, float], ...]
    has_eligibility: bool


def trial_facets(trial: Trial) -> TrialFacets:
    return TrialFacets(
        status=trial.overall_status,
        phases=tuple(trial.phases),
        sex=trial.sex,
        min_age=trial.min_age_years,
        max_age=trial.max_age_years,
        antigens=tuple(detect_antigens(trial)),
        modalities=tuple(detect_modalities(trial)),
        sites=tuple((loc.lat, loc.lon) for loc in trial.locations
                    if loc.lat is not None and loc.lon is not None),
        has_eligibility=bool(trial.eligibility_text.strip()),
    )


def _bits(values, vocabulary) -> int:
    mask = 0
    for v in values:
        if v in vocabulary:
            mask |= 1 << vocabulary.index(v)
    return mask


@dataclass
class Filters:
    """Search filters; every field optional. Ages in years; distance in km."""

    statuses: list[str] | None = None  # e.g. ["RECRUITING", "NOT_YET_RECRUITING"]
    phases: list[str] | None = None  # any of, e.g. ["PHASE2", "PHASE3"]
    age_years: float | None = None  # patient's age: drop trials whose documented range excludes it
    sex: str | None = None  # "female"/"male": drop trials restricted to the other sex
    antigens: list[str] | None = None  # any of, e.g. ["CD19", "BCMA"]
    modalities: list[str] | None = None  # any of, e.g. ["CAR-T", "bispecific"]
    near: tuple[float, float] | None = None  # patient's (lat, lon)
    max_distance_km: float | None = None
    nct_ids: list[str] | None = None
    extra: dict = field(default_factory=dict)


class FacetTable:
    def __init__(self) -> None:
        self.status = np.zeros(0, dtype=np.int8)
        self.phase_bits = np.zeros(0, dtype=np.int16)
        self.sex = np.zeros(0, dtype=np.int8)  # -1 unknown, else index in SEXES
        self.min_age = np.zeros(0, dtype=np.float32)  # NaN = no documented limit
        self.max_age = np.zeros(0, dtype=np.float32)
        self.antigen_bits = np.zeros(0, dtype=np.int64)
        self.modality_bits = np.zeros(0, dtype=np.int32)
        self.has_eligibility = np.zeros(0, dtype=bool)
        self.site_ptr = np.zeros(1, dtype=np.int64)
        self.site_lat = np.zeros(0, dtype=np.float32)
        self.site_lon = np.zeros(0, dtype=np.float32)

    @classmethod
    def build(cls, facets: list[TrialFacets]) -> FacetTable:
        self = cls()
        n = len(facets)
        self.status = np.asarray(
            [STATUSES.index(f.status) if f.status in STATUSES else -1 for f in facets],
            dtype=np.int8).reshape(n)
        self.phase_bits = np.asarray([_bits(f.phases, PHASES) for f in facets],
                                     dtype=np.int16).reshape(n)
        self.sex = np.asarray([SEXES.index(f.sex) if f.sex in SEXES else -1 for f in facets],
                              dtype=np.int8).reshape(n)
        nan = float("nan")
        self.min_age = np.asarray([nan if f.min_age is None else f.min_age for f in facets],
                                  dtype=np.float32).reshape(n)
        self.max_age = np.asarray([nan if f.max_age is None else f.max_age for f in facets],
                                  dtype=np.float32).reshape(n)
        self.antigen_bits = np.asarray([_bits(f.antigens, ANTIGENS) for f in facets],
                                       dtype=np.int64).reshape(n)
        self.modality_bits = np.asarray([_bits(f.modalities, MODALITIES) for f in facets],
                                        dtype=np.int32).reshape(n)
        self.has_eligibility = np.asarray([f.has_eligibility for f in facets],
                                          dtype=bool).reshape(n)
        counts = [len(f.sites) for f in facets]
        self.site_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=self.site_ptr[1:])
        self.site_lat = np.asarray([s[0] for f in facets for s in f.sites], dtype=np.float32)
        self.site_lon = np.asarray([s[1] for f in facets for s in f.sites], dtype=np.float32)
        return self

    _NAMES = ("status", "phase_bits", "sex", "min_age", "max_age", "antigen_bits",
              "modality_bits", "has_eligibility", "site_ptr", "site_lat", "site_lon")

    def save(self, directory: Path) -> None:
        for name in self._NAMES:
            np.save(directory / f"facet_{name}.npy", getattr(self, name))
        with open(directory / "facet_vocab.json", "w", encoding="utf-8") as handle:
            json.dump({"statuses": STATUSES, "phases": PHASES, "sexes": SEXES,
                       "antigens": ANTIGENS, "modalities": MODALITIES}, handle)

    @classmethod
    def load(cls, directory: Path) -> FacetTable:
        with open(directory / "facet_vocab.json", encoding="utf-8") as handle:
            vocab = json.load(handle)
        if (tuple(vocab["antigens"]) != ANTIGENS or tuple(vocab["modalities"]) != MODALITIES
                or tuple(vocab["statuses"]) != STATUSES or tuple(vocab["phases"]) != PHASES):
            raise ValueError(f"{directory}: facet vocabulary changed; rebuild the index")
        self = cls()
        for name in self._NAMES:
            setattr(self, name, np.load(directory / f"facet_{name}.npy"))
        return self

    # ------------------------------------------------------------------ filtering
    def mask(self, filters: Filters | None, positions: dict[str, int] | None = None) -> np.ndarray:
        n = len(self.status)
        keep = np.ones(n, dtype=bool)
        if filters is None:
            return keep
        if filters.statuses:
            codes = [STATUSES.index(s.upper()) for s in filters.statuses if s.upper() in STATUSES]
            keep &= np.isin(self.status, codes)
        if filters.phases:
            keep &= (self.phase_bits & _bits([p.upper() for p in filters.phases], PHASES)) != 0
        if filters.age_years is not None:
            age = float(filters.age_years)
            with np.errstate(invalid="ignore"):
                keep &= ~(self.min_age > age) & ~(self.max_age < age)
        if filters.sex:
            other = {"female": "MALE", "male": "FEMALE"}.get(filters.sex.lower())
            if other:
                keep &= self.sex != SEXES.index(other)
        if filters.antigens:
            keep &= (self.antigen_bits & _bits([a.upper() if a.upper() in ANTIGENS else a
                                                for a in filters.antigens], ANTIGENS)) != 0
        if filters.modalities:
            keep &= (self.modality_bits & _bits(filters.modalities, MODALITIES)) != 0
        if filters.near is not None and filters.max_distance_km is not None:
            dist = self.nearest_site_km(*filters.near)
            keep &= dist <= filters.max_distance_km
        if filters.nct_ids is not None and positions is not None:
            allowed = np.zeros(n, dtype=bool)
            idx = [positions[x] for x in filters.nct_ids if x in positions]
            allowed[idx] = True
            keep &= allowed
        return keep

    def nearest_site_km(self, lat: float, lon: float) -> np.ndarray:
        """Distance from (lat, lon) to each trial's nearest site; +inf when it lists none."""
        n = len(self.status)
        out = np.full(n, np.inf, dtype=np.float64)
        if len(self.site_lat) == 0:
            return out
        d = haversine_km(lat, lon, self.site_lat.astype(np.float64),
                         self.site_lon.astype(np.float64))
        has = np.diff(self.site_ptr) > 0
        starts = self.site_ptr[:-1][has]
        out[has] = np.minimum.reduceat(d, starts)
        return out


def haversine_km(lat1, lon1, lat2, lon2):  # noqa: ANN001, ANN201 - scalars or arrays
    """Great-circle distance in km (haversine formula)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def haversine_scalar_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return float(haversine_km(lat1, lon1, lat2, lon2)) if not math.isnan(lat1) else math.inf
