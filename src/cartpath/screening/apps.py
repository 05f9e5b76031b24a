from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "cartpath.screening"
    label = "screening"
