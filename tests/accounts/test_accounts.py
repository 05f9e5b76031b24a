import re

from django.core import mail
from django.urls import reverse

from cartpath.accounts.models import Role, User


def test_a_patient_signs_up_and_must_verify_their_email(client, db, settings):  # noqa: ANN001
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    response = client.post(reverse("account_signup"), {
        "email": "new.patient@example.org", "password1": "a-long-pass-phrase-7",
        "password2": "a-long-pass-phrase-7"})
    assert response.status_code == 302
    user = User.objects.get(email="new.patient@example.org")
    assert user.role == Role.PATIENT
    assert user.password.startswith("argon2")
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    client.post(link.split("testserver")[-1])
    assert user.emailaddress_set.get().verified


def test_sign_up_never_creates_staff(client, db):  # noqa: ANN001
    client.post(reverse("account_signup"), {
        "email": "sneaky@example.org", "password1": "a-long-pass-phrase-7",
        "password2": "a-long-pass-phrase-7", "role": "navigator"})
    assert User.objects.get(email="sneaky@example.org").role == Role.PATIENT


def test_repeated_failed_logins_lock_the_account(world, client, settings):  # noqa: ANN001
    codes = [client.post(reverse("account_login"), {"login": world.alice.email,
                                                    "password": "wrong"}).status_code
             for _ in range(settings.AXES_FAILURE_LIMIT + 1)]
    assert codes[-1] == 429
    # Even the right password is refused while locked out.
    response = client.post(reverse("account_login"), {"login": world.alice.email,
                                                      "password": world.password})
    assert response.status_code == 429


def test_a_navigator_without_two_factor_is_sent_to_set_it_up(world, login):  # noqa: ANN001
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=world.nina).delete()
    response = login(world.nina).get(reverse("cases:queue"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_patient_is_not_forced_to_use_two_factor(world, login):  # noqa: ANN001
    response = login(world.alice).get(reverse("home"))
    assert "totp" not in response.get("Location", "")


def test_a_navigator_login_asks_for_the_second_factor(world, client):  # noqa: ANN001
    response = client.post(reverse("account_login"), {"login": world.nina.email,
                                                      "password": world.password})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    from cartpath.demo.totp import code_for_secret

    response = client.post(reverse("mfa_authenticate"),
                           {"code": code_for_secret(world.totp_secrets["nina"])})
    assert response.status_code == 302
    assert client.get(reverse("cases:queue")).status_code == 200


def test_a_caregiver_accepts_an_invitation_for_their_own_address_only(world, login):  # noqa: ANN001
    from cartpath.accounts.models import CaregiverInvitation

    invitation = CaregiverInvitation.objects.create(patient=world.bob, email="eve@example.org")
    url = reverse("accept_caregiver", args=[invitation.token])
    assert login(world.carol).get(url).status_code == 404


def test_a_patient_resets_a_forgotten_password(world, client):  # noqa: ANN001
    client.post(reverse("account_reset_password"), {"email": world.alice.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    client.post(form_url, {"password1": "brand-new-pass-phrase-3",
                           "password2": "brand-new-pass-phrase-3"})
    world.alice.refresh_from_db()
    assert world.alice.check_password("brand-new-pass-phrase-3")


def test_signing_out_ends_the_session(world, login):  # noqa: ANN001
    client = login(world.alice)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session
