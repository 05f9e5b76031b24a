"""The language a person chose is remembered: a cookie for everyone, and for signed-in users
``User.preferred_language``, which is switched on again when they sign in.

Django's ``set_language`` view sets the cookie; the foundation's middleware list is not ours to
change, so the two halves live here: a ``user_logged_in`` handler that activates the stored
language and a view decorator that writes the cookie on the next family-facing page (and stores
a new choice made with the header select).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation

PENDING = "cartpath_login_language"


def supported(code: str | None) -> bool:
    return bool(code) and code in {c for c, _ in settings.LANGUAGES}


@receiver(user_logged_in, dispatch_uid="cartpath.portal.language")
def activate_preferred_language(sender, request, user, **kwargs) -> None:  # noqa: ANN001
    if request is None or not hasattr(request, "session"):
        return
    if supported(user.preferred_language):
        translation.activate(user.preferred_language)
        request.session[PENDING] = user.preferred_language
    elif supported(getattr(request, "LANGUAGE_CODE", None)):
        user.preferred_language = request.LANGUAGE_CODE
        user.save(update_fields=["preferred_language"])


def remember_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # noqa: ANN002, ANN003
        session = getattr(request, "session", None)
        pending = session.pop(PENDING, None) if session is not None else None
        if supported(pending):
            translation.activate(pending)
            request.LANGUAGE_CODE = pending
        response = view(request, *args, **kwargs)
        if supported(pending):
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, pending,
                                max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
                                samesite="Lax")
            return response
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and supported(chosen)
                and chosen != user.preferred_language):
            user.preferred_language = chosen
            user.save(update_fields=["preferred_language"])
        return response

    return wrapper
