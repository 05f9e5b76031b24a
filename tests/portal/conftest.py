from __future__ import annotations

import pytest

from django.urls import reverse

STEP1 = {"disease": "LBCL", "subtype": "DLBCL_NOS", "status": "refractory", "details": ""}
STEP2 = {"had_treatment": "yes", "t-TOTAL_FORMS": "2", "t-INITIAL_FORMS": "0",
         "t-MIN_NUM_FORMS": "1", "t-MAX_NUM_FORMS": "20",
         "t-0-name": "R-CHOP", "t-0-when": "2024", "t-0-response": "did_not_work",
         "t-1-name": "R-ICE", "t-1-when": "2025", "t-1-response": "did_not_work"}
STEP3 = {"filled_by": "patient", "patient_name": "Pat Fictional", "age": "61", "country": "ES",
         "relationship": ""}
STEP4 = {"contact_name": "Pat Fictional", "email": "pat@example.org", "phone": "",
         "password1": "a-long-unusual-passphrase-7", "password2": "a-long-unusual-passphrase-7",
         "consent": "on"}


@pytest.fixture
def fill():
    """Post the four steps with the given overrides; returns the last response."""

    def _fill(client, step1=None, step2=None, step3=None, step4=None):  # noqa: ANN001, ANN202
        response = None
        for number, data in enumerate([{**STEP1, **(step1 or {})}, {**STEP2, **(step2 or {})},
                                       {**STEP3, **(step3 or {})}, {**STEP4, **(step4 or {})}], 1):
            response = client.post(reverse("portal:step", args=[number]), data)
            assert response.status_code == 302, response.content.decode()[:3000]
        return response

    return _fill
