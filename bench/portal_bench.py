"""Speed of the family-facing pages, medians over repeats (Django test client, throwaway DB).

    .venv/bin/python bench/portal_bench.py [--repeat N]

Measures: the learn landing and products pages, the whole questionnaire (4 steps + account +
case + pre-screen), the portal page, and the assessment report as HTML and as PDF (weasyprint).
Targets (interactive pages): HTML pages <= 300 ms, questionnaire submit <= 1 s, PDF <= 3 s.
"""

from __future__ import annotations

import argparse
import os
import time

from django_harness import throwaway_database, timed
os.environ["ACCOUNT_EMAIL_VERIFICATION"] = "optional"



def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    throwaway_database()
    from django.test import Client
    from django.urls import reverse

    from cartpath.accounts.models import User

    steps = [
        {"disease": "LBCL", "subtype": "DLBCL_NOS", "status": "refractory"},
        {"had_treatment": "yes", "t-TOTAL_FORMS": "2", "t-INITIAL_FORMS": "0", "t-MIN_NUM_FORMS": "1",
         "t-MAX_NUM_FORMS": "20", "t-0-name": "R-CHOP", "t-0-response": "did_not_work",
         "t-1-name": "R-ICE", "t-1-response": "did_not_work"},
        {"filled_by": "patient", "patient_name": "Bench Fictional", "age": "61", "country": "ES"},
    ]

    def submit(n: int) -> None:
        client = Client()
        for number, data in enumerate(steps, 1):
            client.post(reverse("portal:step", args=[number]), data)
        response = client.post(reverse("portal:step", args=[4]), {
            "contact_name": "Bench", "email": f"bench{n}-{time.time_ns()}@example.org",
            "password1": "a-long-unusual-passphrase-7", "password2": "a-long-unusual-passphrase-7",
            "consent": "on"})
        assert response.status_code == 302, response.content[:500]

    anonymous = Client()
    results = {
        "learn landing (ms)": timed(lambda n: anonymous.get(reverse("learn:index")), args.repeat),
        "learn products (ms)": timed(lambda n: anonymous.get(reverse("learn:products")), args.repeat),
        "questionnaire 4 steps + submit (ms)": timed(submit, args.repeat),
    }
    user = User.objects.filter(role="patient").first()
    family = Client()
    family.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    case = user.patient.cases.get()
    results["portal page (ms)"] = timed(lambda n: family.get(reverse("portal:home")), args.repeat)
    results["report HTML (ms)"] = timed(
        lambda n: family.get(reverse("portal:report", args=[case.public_id])), args.repeat)
    results["report PDF (ms)"] = timed(
        lambda n: family.get(reverse("portal:report_pdf", args=[case.public_id])),
        max(3, args.repeat // 3))
    for name, value in results.items():
        print(f"{name:40s} {value:8.1f}")


if __name__ == "__main__":
    main()
