"""The directory: distances, CSV import/export with per-row errors, search, CLI."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from cartpath.coordination import directory
from cartpath.coordination.centre_csv import read_centres
from cartpath.coordination.geo import city_coordinates, haversine_km
from cartpath.coordination.models import Centre

HEADER = ("name,kind,country,city,latitude,longitude,timezone,products,trial_sites,languages,"
          "accreditations,international_contact,international_email,international_phone\n")
GOOD = ("Northgate Cell Therapy Unit (fictional),treatment_centre,DE,Hamburg,,,Europe/Berlin,"
        "axi-cel;cilta-cel,NCT01234567,de;en,FACT,International office,intl@northgate.example,"
        "+49 40 0000\n")
BAD = ("Bad Row Clinic (fictional),spaceport,XXX,Nowhere,95,10,Mars/Base,abc-cel,12345,"
       "english!,,,not-an-email,\n")


def test_haversine_gives_the_london_paris_distance():
    london, paris = city_coordinates("London", "GB"), city_coordinates("Paris", "FR")
    assert haversine_km(*london, *paris) == pytest.approx(343.5, abs=3)


def test_a_city_name_is_folded_and_homonyms_need_a_country():
    assert city_coordinates("são paulo", "BR") == city_coordinates("Sao Paulo", "BR")
    assert city_coordinates("Springfield", "US") is not None
    assert city_coordinates("Atlantis") is None


def test_every_bad_cell_of_a_row_is_reported_with_its_line():
    parsed = read_centres(io.StringIO(HEADER + GOOD + BAD))
    assert len(parsed.rows) == 1
    columns = {e.column for e in parsed.errors}
    assert {"kind", "country", "latitude/longitude", "timezone", "products", "trial_sites",
            "languages", "international_email"} <= columns
    assert {e.line for e in parsed.errors} == {3}


def test_a_missing_required_column_is_reported_once():
    parsed = read_centres(io.StringIO("name,kind\nX,other\n"))
    assert parsed.rows == [] and parsed.errors[0].line == 1


def test_import_creates_then_updates_and_export_round_trips(db):  # noqa: ANN001
    first = directory.import_centres(io.StringIO(HEADER + GOOD))
    assert (first.created, first.updated, first.errors) == (1, 0, [])
    centre = Centre.objects.get()
    # The city stood in for the missing coordinates.
    assert centre.latitude == pytest.approx(53.55, abs=0.01)
    again = directory.import_centres(io.StringIO(HEADER + GOOD.replace("FACT", '"FACT, JACIE"')))
    assert (again.created, again.updated) == (0, 1)
    out = io.StringIO()
    assert directory.export_centres(out) == 1
    reread = read_centres(io.StringIO(out.getvalue()))
    assert reread.errors == [] and reread.rows[0][1].accreditations == "FACT, JACIE"
    assert reread.rows[0][1].products == ["axi-cel", "cilta-cel"]


def test_search_filters_by_product_language_and_distance(centres):  # noqa: ANN001
    chicago = city_coordinates("Chicago", "US")
    names = [f.centre.organisation.name for f in directory.search_centres(product="axi-cel")]
    assert sorted(names) == ["Hillside Institute (fictional)", "Riverside (fictional)"]
    german = directory.search_centres(language="de")
    assert [f.centre.organisation.name for f in german] == ["Hillside Institute (fictional)"]
    near = directory.search_centres(origin=chicago, radius_km=500)
    assert [f.centre.organisation.name for f in near] == ["Lakeside (fictional)",
                                                         "Riverside (fictional)"]
    assert near[0].distance_km < 5 < near[1].distance_km < 500


def test_the_directory_page_finds_centres_near_a_patients_city(centres, login):  # noqa: ANN001
    page = login(centres.nina).get(reverse("coordination:centres"),
                                   {"product": "axi-cel", "city": "Heidelberg", "country": "DE"})
    text = page.content.decode()
    assert text.index("Hillside Institute") < text.index("Riverside (fictional)")
    assert "0 km" in text


def test_an_unknown_city_asks_for_coordinates(centres, login):  # noqa: ANN001
    page = login(centres.nina).get(reverse("coordination:centres"),
                                   {"city": "Atlantis", "radius_km": "100"})
    assert b"enter coordinates" in page.content


def test_navigators_import_with_per_row_errors_shown(world, login):  # noqa: ANN001
    upload = io.BytesIO((HEADER + GOOD + BAD).encode())
    upload.name = "centres.csv"
    page = login(world.nina).post(reverse("coordination:centres_import"), {"file": upload})
    assert page.status_code == 200
    assert b"Rows not imported" in page.content and b"abc-cel" in page.content
    assert Centre.objects.count() == 1


def test_the_export_button_gives_a_csv_to_navigators_only(centres, login):  # noqa: ANN001
    url = reverse("coordination:centres_export")
    response = login(centres.nina).get(url)
    assert response["Content-Type"].startswith("text/csv")
    assert b"Hillside Institute (fictional)" in response.content
    assert login(centres.rita).get(url).status_code == 403
    assert login(centres.alice).get(url).status_code == 403


def test_partners_cannot_import_centres(world, login):  # noqa: ANN001
    upload = io.BytesIO((HEADER + GOOD).encode())
    upload.name = "centres.csv"
    assert login(world.rita).post(reverse("coordination:centres_import"),
                                  {"file": upload}).status_code == 403
    assert not Centre.objects.exists()


def test_the_cli_imports_and_exports_centres(db, tmp_path, capsys):  # noqa: ANN001
    from cartpath.cli import main

    source = tmp_path / "in.csv"
    source.write_text(HEADER + GOOD + BAD, encoding="utf-8")
    assert main(["centres", "import", str(source)]) == 1
    captured = capsys.readouterr()
    assert "line 3, products" in captured.err and "1 new" in captured.out
    target = tmp_path / "out.csv"
    assert main(["centres", "export", str(target)]) == 0
    assert "Northgate Cell Therapy Unit (fictional)" in target.read_text(encoding="utf-8")


def test_a_long_result_list_is_paged(world, login):  # noqa: ANN001
    rows = "".join(f"Paged {i:02d} (fictional),treatment_centre,DE,Berlin,,,Europe/Berlin,"
                   "axi-cel,,de,,,,\n" for i in range(60))
    directory.import_centres(io.StringIO(HEADER + rows))
    client = login(world.nina)
    first = client.get(reverse("coordination:centres"), {"product": "axi-cel"})
    assert b"60 centres" in first.content and b"Page 1 of 2" in first.content
    second = client.get(reverse("coordination:centres"), {"product": "axi-cel", "page": "2"})
    assert b"Paged 59 (fictional)" in second.content
