"""The product catalogue: versioned JSON data (``data/catalogue.json`` + extra product files).

Adding a product is a data change: write a product file (same shape as one entry of
``products`` in catalogue.json, wrapped as ``{"products": [...], "sources": [...]}``) and pass it
to ``load_catalogue(extra_paths=[...])`` or list it in the ``CARTPATH_CATALOGUE_EXTRA``
environment variable (paths separated by ``os.pathsep``; a directory means every ``*.json`` in it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from cartpath.clinical.errors import CatalogueError

DATA_DIR = Path(__file__).resolve().parent / "data"
CATALOGUE_FILE = DATA_DIR / "catalogue.json"
SOURCES_FILE = DATA_DIR / "sources.json"
EXTRA_ENV = "CARTPATH_CATALOGUE_EXTRA"
CONFIDENCE_TAGS = frozenset({"V", "R", "?"})


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    title: str
    urls: tuple[str, ...]
    rating: str


@dataclass(frozen=True, slots=True)
class Sourced:
    """A catalogue value together with its source keys and confidence tag (V/R/?)."""

    value: Any
    sources: tuple[str, ...]
    confidence: str
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def unverified(self) -> bool:
        return self.confidence != "V"


@dataclass(frozen=True, slots=True)
class Unverified:
    """An item of clinical-facts §10, shown as a flag wherever it matters."""

    code: str
    item: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Approval:
    status: str
    date: str | None
    sources: tuple[str, ...]
    confidence: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Indication:
    id: str
    product: str
    disease: str
    histologies: tuple[str, ...] | None
    label_text: str
    min_prior_lines: int | None
    max_prior_lines: int | None
    required_prior: tuple[str, ...]
    state: str
    extra: tuple[str, ...]
    age_min: int | None
    age_max: int | None
    exclusions: tuple[str, ...]
    approval: Approval
    sources: tuple[str, ...]
    confidence: str
    reviewed: str
    unverified: tuple[Unverified, ...] = ()
    notes: str | None = None

    @property
    def state_terms(self) -> tuple[tuple[str, ...], ...]:
        """The disease-state condition as AND of ORs, e.g. ``(("refractory", "relapse_number_ge_2"),)``."""
        return tuple(
            tuple(term.strip() for term in conjunct.split(" OR "))
            for conjunct in self.state.split(" AND ")
            if conjunct.strip()
        )


@dataclass(frozen=True, slots=True)
class LymphodepletionComponent:
    drug: str
    dose: float
    unit: str
    days: tuple[int, ...] | None
    n_days: int | None


@dataclass(frozen=True, slots=True)
class Lymphodepletion:
    components: tuple[LymphodepletionComponent, ...]
    alternatives: tuple[tuple[LymphodepletionComponent, ...], ...]
    sources: tuple[str, ...]
    confidence: str
    note: str | None
    may_be_omitted_if: str | None

    @property
    def days(self) -> tuple[int, ...] | None:
        """Days relative to infusion (day 0) on which LD is given, or None when not stated."""
        if any(c.days is None for c in self.components):
            return None
        return tuple(sorted({d for c in self.components for d in (c.days or ())}))

    @property
    def duration_days(self) -> int | None:
        if self.days:
            return self.days[-1] - self.days[0] + 1
        counts = [c.n_days for c in self.components if c.n_days is not None]
        return max(counts) if counts else None


@dataclass(frozen=True, slots=True)
class SplitDose:
    dose_number: int
    day: int
    tolerance_days: int


@dataclass(frozen=True, slots=True)
class InfusionPlan:
    day: int
    window_days_after_ld_end: tuple[int, int] | None
    split_doses: tuple[SplitDose, ...]
    max_delay_days: int | None
    repeat_ld_if_delay_gt_days: int | None
    sources: tuple[str, ...]
    confidence: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Administration:
    applies_to: tuple[str, ...]
    lymphodepletion: Lymphodepletion
    infusion: InfusionPlan
    dose: Sourced
    raw: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class MonitoringRules:
    """Post-infusion rules for one era ("post_2025" after the REMS removal, or "legacy")."""

    era: str
    monitoring_min_days: Sourced | None
    daily_monitoring_min_days: Sourced | None
    stay_near_centre_min_days: Sourced | None
    no_driving_min_days: Sourced | None
    stay_within_hours_of_centre: Sourced | None
    unverified: tuple[Unverified, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Product:
    code: str
    brand: str
    generic: str
    status: str
    target: Sourced
    costim: Sourced | None
    sponsor: Sourced | None
    first_us_approval: Sourced | None
    boxed_warnings: Sourced | None
    vein_to_vein: Sourced | None
    indications: tuple[Indication, ...]
    administration: tuple[Administration, ...]
    reviewed: str
    raw: Mapping[str, Any]

    def indication(self, indication_id: str) -> Indication:
        for item in self.indications:
            if item.id == indication_id:
                return item
        raise KeyError(indication_id)

    def administration_for(self, indication_id: str | None = None) -> Administration:
        """LD, infusion window and dose for an indication (the first block when None)."""
        if indication_id is None:
            return self.administration[0]
        for block in self.administration:
            if indication_id in block.applies_to:
                return block
        raise KeyError(f"{self.code}: no administration data for {indication_id}")

    def monitoring_rules(
        self, on: dt.date | None = None, indication_id: str | None = None
    ) -> MonitoringRules:
        """Monitoring / stay-near-centre / no-driving periods in force on a date (today if None)."""
        monitoring = self.raw.get("monitoring") or {}
        post = monitoring.get("post_2025") or {}
        effective = dt.date.fromisoformat(post.get("effective_from", "2025-06-26"))
        on = on or dt.date.today()
        era = "post_2025" if on >= effective or not monitoring.get("legacy") else "legacy"
        block = dict(monitoring.get(era) or {})
        overrides = (self.raw.get("monitoring_overrides") or {}).get(indication_id or "", {})
        block.update(overrides.get(era, {}))
        return MonitoringRules(
            era=era,
            monitoring_min_days=_sourced_or_none(block.get("monitoring_min_days")),
            daily_monitoring_min_days=_sourced_or_none(block.get("daily_monitoring_min_days")),
            stay_near_centre_min_days=_sourced_or_none(block.get("stay_near_centre_min_days")),
            no_driving_min_days=_sourced_or_none(block.get("no_driving_min_days")),
            stay_within_hours_of_centre=_sourced_or_none(block.get("stay_within_hours_of_centre")),
            unverified=tuple(_unverified(u) for u in monitoring.get("unverified", ())),
        )


@dataclass(frozen=True, slots=True, eq=False)
class Catalogue:
    version: str
    reviewed: str
    products: Mapping[str, Product]
    rules: Mapping[str, Sourced]
    sources: Mapping[str, Source]
    pending: tuple[Mapping[str, Any], ...]
    raw: Mapping[str, Any]
    extra_files: tuple[str, ...] = ()

    def product(self, code: str) -> Product:
        return self.products[code]

    @property
    def indications(self) -> dict[str, Indication]:
        return {i.id: i for p in self.products.values() for i in p.indications}

    def rule(self, name: str) -> Sourced:
        return self.rules[name]

    def rule_value(self, name: str, default: Any = None) -> Any:
        rule = self.rules.get(name)
        return default if rule is None else rule.value


# --------------------------------------------------------------------------- parsing

def _tuple(value: Iterable[Any] | None) -> tuple[Any, ...]:
    return tuple(value or ())


def _sourced(raw: Mapping[str, Any], where: str) -> Sourced:
    if not isinstance(raw, Mapping) or "value" not in raw:
        raise CatalogueError(f"{where}: expected {{value, sources, confidence}}")
    confidence = raw.get("confidence")
    if confidence not in CONFIDENCE_TAGS:
        raise CatalogueError(f"{where}: confidence must be one of V, R, ?")
    extra = {k: v for k, v in raw.items() if k not in {"value", "sources", "confidence"}}
    return Sourced(raw["value"], _tuple(raw.get("sources")), confidence, extra)


def _sourced_or_none(raw: Mapping[str, Any] | None, where: str = "value") -> Sourced | None:
    return None if raw is None else _sourced(raw, where)


def _unverified(raw: Mapping[str, Any]) -> Unverified:
    return Unverified(raw["code"], raw.get("item"), raw.get("text", ""))


def _component(raw: Mapping[str, Any]) -> LymphodepletionComponent:
    days = raw.get("days")
    return LymphodepletionComponent(
        raw["drug"], raw["dose"], raw.get("unit", "mg/m2/day"),
        None if days is None else tuple(days), raw.get("n_days"),
    )


def _administration(raw: Mapping[str, Any], where: str) -> Administration:
    ld = raw["lymphodepletion"]
    inf = raw["infusion"]
    window = inf.get("window_days_after_ld_end")
    return Administration(
        applies_to=_tuple(raw.get("applies_to")),
        lymphodepletion=Lymphodepletion(
            components=tuple(_component(c) for c in ld["components"]),
            alternatives=tuple(tuple(_component(c) for c in alt) for alt in ld.get("alternatives", ())),
            sources=_tuple(ld.get("sources")), confidence=ld.get("confidence", "?"),
            note=ld.get("note"), may_be_omitted_if=ld.get("may_be_omitted_if"),
        ),
        infusion=InfusionPlan(
            day=inf.get("day", 0),
            window_days_after_ld_end=None if window is None else (window[0], window[1]),
            split_doses=tuple(
                SplitDose(s["dose_number"], s["day"], s.get("tolerance_days", 0))
                for s in inf.get("split_doses") or ()
            ),
            max_delay_days=inf.get("max_delay_days"),
            repeat_ld_if_delay_gt_days=inf.get("repeat_ld_if_delay_gt_days"),
            sources=_tuple(inf.get("sources")), confidence=inf.get("confidence", "?"),
            note=inf.get("note"),
        ),
        dose=_sourced(raw["dose"], f"{where}.dose"),
        raw=raw,
    )


def _indication(raw: Mapping[str, Any], product: str) -> Indication:
    where = f"indication {raw.get('id')}"
    try:
        approval = raw["approval"]
        histologies = raw.get("histologies")
        indication = Indication(
            id=raw["id"], product=raw.get("product", product), disease=raw["disease"],
            histologies=None if histologies is None else tuple(histologies),
            label_text=raw.get("label_text", ""),
            min_prior_lines=raw.get("min_prior_lines"), max_prior_lines=raw.get("max_prior_lines"),
            required_prior=_tuple(raw.get("required_prior")), state=raw.get("state", "relapsed_or_refractory"),
            extra=_tuple(raw.get("extra")), age_min=raw.get("age_min"), age_max=raw.get("age_max"),
            exclusions=_tuple(raw.get("exclusions")),
            approval=Approval(
                approval["status"], approval.get("date"), _tuple(approval.get("sources")),
                approval.get("confidence", "?"), approval.get("note"),
            ),
            sources=_tuple(raw.get("sources")), confidence=raw.get("confidence", "?"),
            reviewed=raw.get("reviewed", ""),
            unverified=tuple(_unverified(u) for u in raw.get("unverified", ())),
            notes=raw.get("notes"),
        )
    except KeyError as exc:
        raise CatalogueError(f"{where}: missing key {exc}") from exc
    if indication.product != product:
        raise CatalogueError(f"{where}: product {indication.product!r} differs from {product!r}")
    return indication


def _product(raw: Mapping[str, Any]) -> Product:
    code = raw.get("code")
    where = f"product {code}"
    try:
        return Product(
            code=code, brand=raw["brand"], generic=raw["generic"], status=raw.get("status", "approved"),
            target=_sourced(raw["target"], f"{where}.target"),
            costim=_sourced_or_none(raw.get("costim"), f"{where}.costim"),
            sponsor=_sourced_or_none(raw.get("sponsor"), f"{where}.sponsor"),
            first_us_approval=_sourced_or_none(raw.get("first_us_approval"), f"{where}.first_us_approval"),
            boxed_warnings=_sourced_or_none(raw.get("boxed_warnings"), f"{where}.boxed_warnings"),
            vein_to_vein=_sourced_or_none(raw.get("vein_to_vein"), f"{where}.vein_to_vein"),
            indications=tuple(_indication(i, code) for i in raw["indications"]),
            administration=tuple(
                _administration(a, f"{where}.administration[{n}]")
                for n, a in enumerate(raw.get("administration", ()))
            ),
            reviewed=raw.get("reviewed", ""),
            raw=raw,
        )
    except KeyError as exc:
        raise CatalogueError(f"{where}: missing key {exc}") from exc


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CatalogueError(f"cannot read catalogue file {path}: {exc}") from exc


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    out: list[Path] = []
    for item in paths:
        path = Path(item)
        out.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    return out


def _env_extra_paths() -> tuple[str, ...]:
    value = os.environ.get(EXTRA_ENV, "")
    return tuple(p for p in value.split(os.pathsep) if p.strip())


def load_catalogue(
    extra_paths: Iterable[str | os.PathLike[str]] | None = None,
    *,
    base_path: str | os.PathLike[str] | None = None,
    use_env: bool = True,
) -> Catalogue:
    """Load the catalogue plus extra product files (from ``extra_paths`` and ``CARTPATH_CATALOGUE_EXTRA``).

    An extra product whose code already exists replaces it; extra files may add sources.
    Results are cached per set of paths.
    """
    extras = tuple(str(p) for p in (extra_paths or ()))
    if use_env:
        extras += _env_extra_paths()
    return _load_cached(str(base_path or CATALOGUE_FILE), extras)


@lru_cache(maxsize=16)
def _load_cached(base_path: str, extras: tuple[str, ...]) -> Catalogue:
    raw = _read_json(Path(base_path))
    sources_raw = _read_json(SOURCES_FILE)
    sources = {
        s["key"]: Source(s["key"], s.get("title", ""), _tuple(s.get("urls")), s.get("rating", ""))
        for s in sources_raw["sources"]
    }
    products: dict[str, Product] = {}
    for item in raw["products"]:
        product = _product(item)
        products[product.code] = product
    version = raw["version"]
    extra_files = []
    for path in _expand(extras):
        doc = _read_json(path)
        items = doc.get("products") if isinstance(doc, dict) and "products" in doc else [doc]
        for source in doc.get("sources", ()) if isinstance(doc, dict) else ():
            sources[source["key"]] = Source(
                source["key"], source.get("title", ""), _tuple(source.get("urls")), source.get("rating", "")
            )
        for item in items:
            product = _product(item)
            products[product.code] = product
            version += f"+{product.code}@{doc.get('version', item.get('reviewed', 'extra'))}"
        extra_files.append(str(path))
    rules = {name: _sourced(rule, f"rule {name}") for name, rule in raw.get("rules", {}).items()}
    seen: dict[str, str] = {}
    for product in products.values():
        for indication in product.indications:
            if indication.id in seen:
                raise CatalogueError(f"indication id {indication.id} appears twice")
            seen[indication.id] = product.code
    return Catalogue(
        version=version, reviewed=raw.get("reviewed", ""), products=products, rules=rules,
        sources=sources, pending=_tuple(raw.get("pending_products")), raw=raw,
        extra_files=tuple(extra_files),
    )
