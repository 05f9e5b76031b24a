import datetime as dt

from django.urls import reverse


def test_the_portal_links_to_the_journey_and_diary_once_there_is_one(world, login):  # noqa: ANN001
    from cartpath.journey.services import create_journey

    client = login(world.alice)
    assert b"Symptom diary" not in client.get(reverse("portal:home")).content
    create_journey(None, world.alice_case, product_code="axi-cel",
                   apheresis_date=dt.date(2026, 11, 2))
    page = client.get(reverse("portal:home")).content.decode()
    assert reverse("journey:family", args=[world.alice_case.public_id]) in page
    assert reverse("journey:diary", args=[world.alice_case.public_id]) in page
