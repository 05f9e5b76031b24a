"""Demo directory: FICTIONAL treatment centres only (names end in "(fictional)").

They sit in real cities so that the distance search has something to measure, but every name,
contact and capability here is invented; no figure (volume, rates, waiting time) is given, and no
trial number is attached, because a real NCT id at an invented site would be a false claim.
"""

from __future__ import annotations

from cartpath.accounts.models import Organisation
from cartpath.coordination.geo import city_coordinates
from cartpath.coordination.models import Centre

# name, kind, country, city, time zone, products, languages, accreditation (free text)
CENTRES = (
    ("Tagus Cell Therapy Unit (fictional)", "treatment_centre", "PT", "Lisbon", "Europe/Lisbon",
     ["axi-cel", "tisa-cel", "cilta-cel"], ["pt", "en", "es"], "FACT (demo text)"),
    ("Liffey Haematology Centre (fictional)", "treatment_centre", "IE", "Dublin",
     "Europe/Dublin", ["axi-cel", "ide-cel", "cilta-cel"], ["en", "ga"], ""),
    ("Pennine Cellular Therapy Service (fictional)", "treatment_centre", "GB", "Manchester",
     "Europe/London", ["axi-cel", "brexu-cel", "obe-cel"], ["en", "ur"], ""),
    ("Huangpu Immunotherapy Hospital (fictional)", "trial_site", "CN", "Shanghai",
     "Asia/Shanghai", [], ["zh", "en"], ""),
    ("Capibaribe Oncology Institute (fictional)", "treatment_centre", "BR", "Sao Paulo",
     "America/Sao_Paulo", ["tisa-cel"], ["pt", "es"], ""),
)

# The people demo's partner organisations get a directory profile too.
PROFILES = {
    "riverside": (["axi-cel", "tisa-cel", "liso-cel", "brexu-cel"], ["en", "es"],
                  "America/Chicago"),
    "lakeside": (["axi-cel", "ide-cel", "cilta-cel"], ["de", "en"], "Europe/Berlin"),
}


def _profile(org: Organisation, products: list[str], languages: list[str], tz: str,
             accreditations: str = "") -> None:
    coords = city_coordinates(org.city, org.country)
    Centre.objects.update_or_create(organisation=org, defaults={
        "latitude": coords[0] if coords else None, "longitude": coords[1] if coords else None,
        "products": products, "languages": languages, "timezone": tz,
        "accreditations": accreditations,
        "international_contact": "International patient desk (demo)",
        "international_email": "international@" + org.name.split()[0].lower() + ".example"})


def load(world) -> None:  # noqa: ANN001
    for key, (products, languages, tz) in PROFILES.items():
        org = world.organisations.get(key)
        if org is not None:
            _profile(org, products, languages, tz)
    for name, kind, country, city, tz, products, languages, accreditation in CENTRES:
        org, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "country": country, "city": city})
        _profile(org, products, languages, tz, accreditation)
        world.organisations.setdefault(name, org)
