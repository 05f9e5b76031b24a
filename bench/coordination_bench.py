"""Speed of coordination, medians over repeats (throwaway database, fictional data).

    .venv/bin/python bench/coordination_bench.py [--repeat N]

Targets: packet JSON/FHIR <= 100 ms, packet PDF <= 3 s, partner page and directory search over
1,000 centres <= 300 ms, CSV of 1,000 centres parsed <= 1 s and imported <= 10 s, sending one
case to 3 partners <= 500 ms (e-mail to an in-memory backend).
"""

from __future__ import annotations

import argparse
import io

from django_harness import throwaway_database, timed

HEADER = "name,kind,country,city,latitude,longitude,timezone,products,trial_sites,languages\n"



def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    throwaway_database(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend",
                                          "QUEUES": ["default", "documents"]}})
    from django.test import Client
    from django.urls import reverse
    from weasyprint import HTML

    from cartpath.accounts.models import Organisation, Role, Team, User
    from cartpath.cases.models import Patient
    from cartpath.cases.services import open_case
    from cartpath.coordination import directory, fhir, packet, referrals
    from cartpath.coordination.centre_csv import read_centres
    from cartpath.coordination.geo import city_coordinates
    from cartpath.vault.services import upload

    team = Team.objects.create(name="Bench team")
    nina = User.objects.create_user("nina@bench.example", "x", role=Role.NAVIGATOR, team=team)
    orgs = [Organisation.objects.create(name=f"Bench centre {i} (fictional)") for i in range(3)]
    partner = User.objects.create_user("p@bench.example", "x", role=Role.PARTNER,
                                       organisation=orgs[0])
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    from cartpath.demo.totp import ensure_totp

    for staff in (nina, partner):  # staff pages need a second factor on the account
        ensure_totp(staff, generate_totp_secret())
    patient = Patient.objects.create(full_name="Bench Fictional")
    case = open_case(None, patient=patient, team=team, navigator=nina, disease="LBCL",
                     diagnosis_summary="LBCL, relapsed",
                     intake={"facts": {"ecog": 1, "prior_lines": [{"line": 1,
                                                                   "regimen": "R-CHOP"}]}})
    pdf = HTML(string="<h1>Pathology</h1><p>Bench report.</p>").write_pdf()
    doc = upload(None, case, "pathology.pdf", pdf, actor=nina).document

    class Req:  # what the services read from a request
        user = nina
        META: dict = {}

    choice = referrals.ShareChoice(document_ids=(doc.public_id,))
    sent: list = []

    def send(n: int) -> None:
        from cartpath.coordination.models import Consent

        for referral in case.referrals.all():  # free the recipients for the next round
            referrals.withdraw_consent(None, referral.consent, actor=nina)
        sent[:] = referrals.send_referrals(Req(), case, orgs, choice, cross_border_agreed=set())
        assert Consent.objects.filter(case=case).count() == 3 * (n + 1)

    results = {"send one case to 3 partners (ms)": timed(send, args.repeat)}
    referral = next(r for r in sent if r.organisation == orgs[0])
    content = packet.build_packet(referral)
    results["build packet (ms)"] = timed(lambda n: packet.build_packet(referral), args.repeat)
    results["FHIR bundle build + R4B validation (ms)"] = timed(
        lambda n: fhir.validate_bundle(fhir.build_bundle(content)), args.repeat)
    results["packet PDF, cover + 1 appended record (ms)"] = timed(
        lambda n: packet.render_pdf(content, case), max(3, args.repeat // 3))
    client = Client()
    client.force_login(partner, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("coordination:partner_referral", args=[referral.public_id])
    assert client.get(url).status_code == 200
    results["partner referral page (ms)"] = timed(lambda n: client.get(url), args.repeat)

    rows = "".join(f"Bench {i} (fictional),treatment_centre,DE,Berlin,{47 + i % 8}.5,"
                   f"{6 + i % 9}.2,Europe/Berlin,axi-cel;tisa-cel,,de;en\n" for i in range(1000))
    results["parse 1,000 CSV rows (ms)"] = timed(
        lambda n: read_centres(io.StringIO(HEADER + rows)), 3)
    results["import 1,000 CSV rows (ms)"] = timed(
        lambda n: directory.import_centres(io.StringIO(HEADER + rows)), 3)
    origin = city_coordinates("Munich", "DE")
    results["search 1,000 centres by product + 300 km (ms)"] = timed(
        lambda n: directory.search_centres(product="axi-cel", origin=origin, radius_km=300),
        args.repeat)
    nav = Client()
    nav.force_login(nina, backend="django.contrib.auth.backends.ModelBackend")
    assert nav.get(reverse("coordination:centres")).status_code == 200
    results["directory page, 1,000 centres (ms)"] = timed(
        lambda n: nav.get(reverse("coordination:centres"), {"product": "axi-cel",
                                                            "city": "Munich", "country": "DE",
                                                            "radius_km": "300"}), args.repeat)
    for name, value in results.items():
        print(f"{name:<52} {value:10.1f}")


if __name__ == "__main__":
    main()
