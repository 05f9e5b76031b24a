from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "cartpath.portal"
    label = "portal"

    def ready(self) -> None:
        from cartpath.portal import language  # noqa: F401  (connects the login signal)
