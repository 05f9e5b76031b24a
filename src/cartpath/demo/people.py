"""Demo people and cases. All fictional; figures are illustrative, not from any hospital."""

from __future__ import annotations

import datetime as dt
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.utils import timezone

from cartpath.accounts.models import Organisation, Role, Team, User
from cartpath.cases import services
from cartpath.cases.lifecycle import Status
from cartpath.cases.models import Case, Patient
from cartpath.demo import DEMO_DOMAIN, DEMO_PASSWORD
from cartpath.demo.totp import ensure_totp

TEAM_NAME = "Demo navigation team"

STAFF = (
    # key, role, name, e-mail local part, organisation key
    ("nina", Role.NAVIGATOR, "Nina Okafor", "nina.navigator", None),
    ("omar", Role.NAVIGATOR, "Omar Haddad", "omar.navigator", None),
    ("chen", Role.CLINICIAN, "Dr Li Chen", "dr.chen", None),
    ("admin", Role.ADMIN, "Alex Admin", "admin", None),
    ("riverside", Role.PARTNER, "Dr Sara Lind", "intake.riverside", "riverside"),
    ("lakeside", Role.PARTNER, "Dr Paul Grant", "intake.lakeside", "lakeside"),
)

ORGANISATIONS = {
    "riverside": ("Riverside Cell Therapy Centre (fictional)", "US", "Springfield"),
    "lakeside": ("Lakeside University Hospital (fictional)", "DE", "Seestadt"),
}

# key, name, e-mail local part, birth date, sex, country, city, language, reported diagnosis,
# disease, status, navigator key, case facts entered at intake (contract case-facts fields)
PATIENTS = (
    ("maria", "Maria Santos", "maria", dt.date(1967, 3, 14), "female", "PT", "Porto", "en",
     "Diffuse large B-cell lymphoma, relapsed", "LBCL", Status.UNDER_REVIEW, "nina",
     {"age_years": 58, "sex": "female", "disease": "LBCL", "histology": "DLBCL_NOS",
      "disease_status": "relapsed", "n_prior_lines": 1,
      "prior_lines": [{"line": 1, "regimen": "R-CHOP", "drugs": ["rituximab", "cyclophosphamide",
                        "doxorubicin", "vincristine", "prednisone"], "best_response": "CR"}],
      "months_from_end_of_1L_to_relapse": 7, "primary_refractory": False, "ecog": 1}),
    ("james", "James O'Connor", "james", dt.date(1961, 9, 2), "male", "IE", "Cork", "en",
     "Multiple myeloma, progressing on lenalidomide", "MM", Status.PRESCREENED, "nina",
     {"age_years": 64, "sex": "male", "disease": "MM", "histology": "multiple_myeloma",
      "disease_status": "relapsed", "n_prior_lines": 2,
      "prior_lines": [
          {"line": 1, "regimen": "VRd, ASCT, lenalidomide maintenance",
           "drugs": ["bortezomib", "lenalidomide", "dexamethasone", "melphalan"],
           "best_response": "CR", "progressed_on_therapy": True},
          {"line": 2, "regimen": "Dara-Kd", "drugs": ["daratumumab", "carfilzomib",
                                                       "dexamethasone"], "best_response": "PR"}],
      "lenalidomide_refractory": True, "prior_bcma_therapy": False, "ecog": 1}),
    ("lucas", "Lucas Pereira", "lucas", dt.date(2006, 6, 30), "male", "BR", "Recife", "es",
     "B-cell acute lymphoblastic leukaemia, second relapse", "B_ALL", Status.REFERRED, "omar",
     {"age_years": 19, "sex": "male", "disease": "B_ALL", "histology": "B_cell_precursor_ALL",
      "disease_status": "relapsed", "relapse_number": 2, "n_prior_lines": 3,
      "marrow_blasts_pct": 35, "prior_allo_hct": False, "ecog": 1}),
    ("wei", "Wei Zhang", "wei", dt.date(1958, 11, 21), "male", "CN", "Suzhou", "zh-hans",
     "Mantle cell lymphoma after ibrutinib", "MCL", Status.IN_TREATMENT, "omar",
     {"age_years": 67, "sex": "male", "disease": "MCL", "histology": "MCL_classic",
      "disease_status": "refractory", "n_prior_lines": 2,
      "prior_lines": [{"line": 1, "regimen": "BR", "drugs": ["bendamustine", "rituximab"]},
                      {"line": 2, "regimen": "ibrutinib", "drugs": ["ibrutinib"],
                       "progressed_on_therapy": True}], "ecog": 1}),
    ("aisha", "Aisha Rahman", "aisha", dt.date(1973, 1, 8), "female", "GB", "Leeds", "en",
     "Follicular lymphoma, third relapse", "FL", Status.INQUIRY, None,
     {"age_years": 52, "sex": "female", "disease": "FL", "histology": "FL_grade_1_2",
      "disease_status": "relapsed", "n_prior_lines": None}),
    ("robert", "Robert Miller", "robert", dt.date(1954, 5, 17), "male", "US", "Dayton", "en",
     "Chronic lymphocytic leukaemia after venetoclax", "CLL_SLL", Status.RECORDS_REQUESTED,
     "nina",
     {"age_years": 71, "sex": "male", "disease": "CLL_SLL", "histology": "CLL",
      "disease_status": "relapsed", "n_prior_lines": 2,
      "prior_lines": [{"line": 1, "regimen": "ibrutinib", "drugs": ["ibrutinib"]},
                      {"line": 2, "regimen": "venetoclax-obinutuzumab",
                       "drugs": ["venetoclax", "obinutuzumab"]}], "ecog": 2}),
)

CAREGIVERS = (("maria", "Carlos Santos", "carlos", "husband"),)


def _user(email: str, name: str, role: str, **extra) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "role": role, **extra})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(user=user, email=email,
                                          defaults={"verified": True, "primary": True})
    return user


def remove() -> None:
    """Delete the demo world (only accounts of the demo domain and their cases)."""
    from cartpath.audit.models import AuditEvent  # noqa: F401  (the trail itself stays)

    demo_users = User.objects.filter(email__endswith="@" + DEMO_DOMAIN)
    patients = Patient.objects.filter(user__in=demo_users)
    for case in Case.objects.filter(patient__in=patients):
        case.referrals.all().delete()
        case.consents.all().delete()
        case.delete()
    patients.delete()
    demo_users.delete()


def load(world) -> None:  # noqa: ANN001
    world.team, _ = Team.objects.get_or_create(name=TEAM_NAME)
    for key, (name, country, city) in ORGANISATIONS.items():
        world.organisations[key], _ = Organisation.objects.get_or_create(
            name=name, defaults={"country": country, "city": city})
    for key, role, name, local, org in STAFF:
        email = f"{local}@{DEMO_DOMAIN}"
        extra = {"team": world.team} if role in (Role.NAVIGATOR, Role.CLINICIAN) else {}
        if org:
            extra["organisation"] = world.organisations[org]
        if role == Role.ADMIN:
            extra.update(is_staff=True, is_superuser=True)
        user = _user(email, name, role, **extra)
        ensure_totp(user, generate_totp_secret())
        world.users[key] = user
        world.logins.accounts.append((role.value, email, name))

    for (key, name, local, born, sex, country, city, language, summary, disease, status,
         navigator, facts) in PATIENTS:
        email = f"{local}@{DEMO_DOMAIN}"
        user = _user(email, name, Role.PATIENT, preferred_language=language)
        world.users[key] = user
        world.logins.accounts.append(("patient", email, f"{name} — {summary}"))
        patient, _ = Patient.objects.get_or_create(user=user, defaults=dict(
            full_name=name, date_of_birth=born, sex=sex, country=country, city=city,
            language=language, email=email))
        case = patient.cases.first()
        if case is None:
            case = services.open_case(
                None, patient=patient, team=world.team,
                navigator=world.users.get(navigator), diagnosis_summary=summary,
                disease=disease, intake={"facts": facts, "source": "demo"})
            case.review_consent_at = timezone.now()
            case.save(update_fields=["review_consent_at"])
            case = _walk_to(case, status)
            _demo_tasks(case, world)
        world.cases[key] = case
    _demo_referral(world)

    for patient_key, name, local, relationship in CAREGIVERS:
        email = f"{local}@{DEMO_DOMAIN}"
        caregiver = _user(email, name, Role.CAREGIVER)
        world.users[local] = caregiver
        world.logins.accounts.append(("caregiver", email, f"{name}, {relationship} of "
                                      f"{world.users[patient_key].full_name}"))
        from cartpath.accounts.models import CaregiverInvitation

        CaregiverInvitation.objects.get_or_create(
            patient=world.users[patient_key], email=email,
            defaults={"caregiver": caregiver, "relationship": relationship,
                      "accepted_at": timezone.now()})


# The shortest lifecycle path to each demo status.
PATHS = {
    Status.INQUIRY: [],
    Status.RECORDS_REQUESTED: [Status.RECORDS_REQUESTED],
    Status.UNDER_REVIEW: [Status.UNDER_REVIEW],
    Status.PRESCREENED: [Status.UNDER_REVIEW, Status.PRESCREENED],
    Status.REFERRED: [Status.UNDER_REVIEW, Status.PRESCREENED, Status.REFERRED],
    Status.IN_TREATMENT: [Status.UNDER_REVIEW, Status.PRESCREENED, Status.REFERRED,
                          Status.ACCEPTED, Status.IN_TREATMENT],
}


def _walk_to(case: Case, status: Status) -> Case:
    for step in PATHS[status]:
        case = services.change_status(None, case, step, actor=case.navigator)
    return case


def _demo_tasks(case: Case, world) -> None:  # noqa: ANN001
    today = timezone.localdate()
    owner = case.navigator or world.users["nina"]
    if case.status == Status.INQUIRY:
        services.add_task(None, case, title="Call the family to introduce the service",
                          owner=owner, due_date=today + dt.timedelta(days=1), actor=owner)
    elif case.status == Status.RECORDS_REQUESTED:
        services.add_task(None, case, title="Chase pathology report and treatment summary",
                          owner=owner, due_date=today - dt.timedelta(days=2), actor=owner)
    elif case.status == Status.UNDER_REVIEW:
        services.add_task(None, case, title="Request end-of-treatment PET/CT report",
                          owner=owner, due_date=today + dt.timedelta(days=3), actor=owner)
    else:
        services.add_task(None, case, title="Confirm next appointment with the family",
                          owner=owner, due_date=today + dt.timedelta(days=5), actor=owner)


def _demo_referral(world) -> None:  # noqa: ANN001
    """Lucas's case has been sent to Riverside with his consent (not to Lakeside)."""
    from cartpath.coordination.models import Consent, Referral

    case, centre = world.cases["lucas"], world.organisations["riverside"]
    if case.referrals.exists():
        return
    consent = Consent.objects.create(case=case, recipient=centre, cross_border=True,
                                     recorded_by=world.users["omar"])
    Referral.objects.create(case=case, organisation=centre, consent=consent,
                            status=Referral.Status.SENT, sent_at=timezone.now(),
                            created_by=world.users["omar"],
                            note="Second relapse of B-ALL at 19; assessment for tisa-cel.")
