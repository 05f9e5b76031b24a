"""The directory of treatment centres and trial sites: search, CSV import and export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from django.db import transaction

from cartpath.accounts.models import Organisation
from cartpath.coordination.centre_csv import CentreRow, Parsed, read_centres, write_centres
from cartpath.coordination.geo import haversine_km
from cartpath.coordination.models import Centre


@dataclass
class Found:
    centre: Centre
    distance_km: float | None


def search_centres(*, product: str = "", language: str = "", origin: tuple[float, float] | None
                   = None, radius_km: float | None = None, kind: str = "",
                   query: str = "") -> list[Found]:
    """Centres matching every given filter, nearest first when an origin is given.

    Products and languages are JSON lists; the filter runs in Python so that SQLite and
    PostgreSQL answer the same (the directory holds hundreds of rows, not millions)."""
    centres = Centre.objects.select_related("organisation")
    if kind:
        centres = centres.filter(organisation__kind=kind)
    if query:
        centres = centres.filter(organisation__name__icontains=query)
    found = []
    for centre in centres:
        if product and product not in centre.products:
            continue
        if language and not any(lang == language or lang.startswith(language + "-")
                                for lang in centre.languages):
            continue
        distance = None
        if origin is not None and centre.latitude is not None and centre.longitude is not None:
            distance = haversine_km(origin[0], origin[1], centre.latitude, centre.longitude)
        if radius_km is not None and (distance is None or distance > radius_km):
            continue
        found.append(Found(centre, distance))
    if origin is not None:
        found.sort(key=lambda f: (f.distance_km is None, f.distance_km or 0.0,
                                  f.centre.organisation.name))
    return found


def as_row(centre: Centre) -> CentreRow:
    org = centre.organisation
    return CentreRow(
        name=org.name, kind=org.kind, country=org.country, city=org.city,
        latitude=centre.latitude, longitude=centre.longitude, timezone=centre.timezone,
        products=list(centre.products), trial_sites=list(centre.trial_sites),
        languages=list(centre.languages), accreditations=centre.accreditations,
        international_contact=centre.international_contact,
        international_email=centre.international_email,
        international_phone=centre.international_phone)


def export_centres(handle: TextIO) -> int:
    centres = Centre.objects.select_related("organisation").order_by("organisation__name")
    return write_centres((as_row(c) for c in centres), handle)


@dataclass
class ImportResult:
    created: int
    updated: int
    parsed: Parsed

    @property
    def errors(self) -> list:
        return self.parsed.errors


def save_row(row: CentreRow) -> bool:
    """Create or update one centre (matched by name and country); True when created."""
    org = Organisation.objects.filter(name__iexact=row.name, country=row.country).first()
    created = org is None
    if created:
        org = Organisation(name=row.name, country=row.country)
    org.kind, org.city = row.kind, row.city
    org.save()
    centre, _ = Centre.objects.get_or_create(organisation=org)
    for name in ("latitude", "longitude", "timezone", "products", "trial_sites", "languages",
                 "accreditations", "international_contact", "international_email",
                 "international_phone"):
        setattr(centre, name, getattr(row, name))
    centre.save()
    return created


def import_centres(handle: TextIO, *, dry_run: bool = False) -> ImportResult:
    """Valid rows are saved (in one transaction), invalid rows are reported line by line."""
    parsed = read_centres(handle)
    created = updated = 0
    if dry_run:
        return ImportResult(0, 0, parsed)
    with transaction.atomic():
        for _, row in parsed.rows:
            if save_row(row):
                created += 1
            else:
                updated += 1
    return ImportResult(created, updated, parsed)
