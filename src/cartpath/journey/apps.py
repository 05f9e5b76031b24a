from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "cartpath.journey"
    label = "journey"
