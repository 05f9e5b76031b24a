"""The JSON API (OpenAPI at /api/docs). Routers live in the capability apps."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import django_auth

api = NinjaAPI(
    title="cartpath API",
    version="1",
    description="Decision support for CAR-T navigation. Every automated conclusion is an "
                "on-label candidate or a grade to be confirmed by the treating team.",
    auth=django_auth,
    urls_namespace="api",
)


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc):  # noqa: ANN001, ANN201
    return api.create_response(request, {"detail": exc.errors}, status=422)


# Each capability app contributes a router; listed here so /api/docs shows them all.
api.add_router("/cases/", "cartpath.cases.api.router")
api.add_router("/", "cartpath.screening.api.router")
api.add_router("/documents/", "cartpath.vault.api.router")
api.add_router("/coordination/", "cartpath.coordination.api.router")
api.add_router("/journey/", "cartpath.journey.api.router")
api.add_router("/trials/", "cartpath.trials.api.router")
