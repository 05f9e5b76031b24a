"""Run as a subprocess by the durability test and the benchmark: a case in a file database and
documents uploaded into it (jobs go to the database queue, as in production)."""

from __future__ import annotations

import json
import sys


def setup_case(key: str = "durability"):  # noqa: ANN201
    from cartpath.accounts.models import Role, Team, User
    from cartpath.cases import services
    from cartpath.cases.models import Patient

    team, _ = Team.objects.get_or_create(name="Durability team")
    navigator, _ = User.objects.get_or_create(
        email=f"nav-{key}@example.org",
        defaults={"role": Role.NAVIGATOR, "team": team, "full_name": "Nav"})
    patient = Patient.objects.create(full_name="Pat Example (fictional)")
    return services.open_case(None, patient=patient, team=team, navigator=navigator), navigator


def main(argv: list[str]) -> int:
    from cartpath.cli.platform import setup_django

    setup_django()
    from cartpath.vault import services
    from tests.vault import builders

    pages = int(argv[0]) if argv else 6
    case, navigator = setup_case()
    outcome = services.upload(None, case, "scanned-packet.pdf",
                              builders.scanned_pdf(pages=pages), actor=navigator)
    print(json.dumps({"document": outcome.document.pk, "status": outcome.status}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
