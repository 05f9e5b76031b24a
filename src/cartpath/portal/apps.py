from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "cartpath.portal"
    label = "portal"
