"""The small world most tests start from (as healthchecks' BaseTestCase does).

Alice is a patient with a case handled by Nina, a navigator of the Blue team. Bob is another
patient, in the Green team's care. Carol is Alice's caregiver. Riverside and Lakeside are partner
organisations; Alice's case is referred to Riverside only.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("CARTPATH_VAR_DIR", str(__import__("pathlib").Path(__file__).parent.parent
                                            / "var" / "test"))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):  # noqa: ANN001, ANN201
    """Argon2 is deliberately slow; tests that are about hashing ask for it explicitly."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):  # noqa: ANN001, ANN201
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import generate_totp_secret
    from django.utils import timezone

    from cartpath.accounts.models import CaregiverInvitation, Organisation, Role, Team, User
    from cartpath.cases import services
    from cartpath.cases.models import Patient
    from cartpath.coordination.models import Consent, Referral
    from cartpath.demo.totp import ensure_totp

    class World:
        password = "correct-horse-battery-9"

    w = World()
    w.blue = Team.objects.create(name="Blue team")
    w.green = Team.objects.create(name="Green team")
    w.riverside = Organisation.objects.create(name="Riverside (fictional)")
    w.lakeside = Organisation.objects.create(name="Lakeside (fictional)")

    def user(key: str, role: str, **extra) -> User:  # noqa: ANN003
        u = User.objects.create_user(f"{key}@example.org", w.password, full_name=key.title(),
                                     role=role, **extra)
        EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True)
        if u.is_staff_role:
            w.totp_secrets[key] = generate_totp_secret()
            ensure_totp(u, w.totp_secrets[key])
        setattr(w, key, u)
        return u

    w.totp_secrets = {}
    user("alice", Role.PATIENT)
    user("bob", Role.PATIENT)
    user("carol", Role.CAREGIVER)
    user("nina", Role.NAVIGATOR, team=w.blue)
    user("greg", Role.NAVIGATOR, team=w.green)
    user("dana", Role.CLINICIAN, team=w.blue)
    user("rita", Role.PARTNER, organisation=w.riverside)
    user("leo", Role.PARTNER, organisation=w.lakeside)
    user("adam", Role.ADMIN, is_staff=True, is_superuser=True)

    alice_patient = Patient.objects.create(user=w.alice, full_name="Alice Example",
                                           date_of_birth=dt.date(1970, 1, 1), sex="female")
    bob_patient = Patient.objects.create(user=w.bob, full_name="Bob Example")
    w.alice_case = services.open_case(None, patient=alice_patient, team=w.blue, navigator=w.nina,
                                      diagnosis_summary="DLBCL, relapsed", disease="LBCL")
    w.bob_case = services.open_case(None, patient=bob_patient, team=w.green, navigator=w.greg,
                                    diagnosis_summary="Myeloma", disease="MM")
    CaregiverInvitation.objects.create(patient=w.alice, email=w.carol.email, caregiver=w.carol,
                                       accepted_at=timezone.now())
    w.consent = Consent.objects.create(case=w.alice_case, recipient=w.riverside)
    w.referral = Referral.objects.create(case=w.alice_case, organisation=w.riverside,
                                         consent=w.consent, status=Referral.Status.SENT,
                                         sent_at=timezone.now())
    return w


@pytest.fixture
def login(client):  # noqa: ANN001, ANN201
    """Sign a user in as the browser would after both factors."""

    def _login(user):  # noqa: ANN001, ANN202
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


# ---- Browser tests: Playwright driving Debian's chromium against the live test server. ----

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SCREENSHOTS = __import__("pathlib").Path(__file__).parent.parent / "var" / "screenshots"


@pytest.fixture(scope="session")
def browser():  # noqa: ANN201
    import shutil

    if shutil.which("chromium") is None and not os.path.exists(CHROMIUM):
        pytest.skip("chromium is not installed")
    # Playwright's sync API runs an event loop; Django must allow ORM calls beside it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):  # noqa: ANN001, ANN201
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):  # noqa: ANN001, ANN201
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page, name: str) -> None:  # noqa: ANN001
    """Keep a full-page screenshot under var/screenshots/ for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def browser_login(page, world, key: str) -> None:  # noqa: ANN001
    """Sign in through the real forms, with the second factor for staff."""
    from cartpath.demo.totp import code_for_secret

    user = getattr(world, key)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", world.password)
    page.click("form [type=submit]")
    if key in world.totp_secrets:
        page.wait_for_url("**/accounts/2fa/authenticate/**")
        page.fill("input[name=code]", code_for_secret(world.totp_secrets[key]))
        page.click("form [type=submit]")
    page.wait_for_load_state()
