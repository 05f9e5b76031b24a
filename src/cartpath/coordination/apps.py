from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "cartpath.coordination"
    label = "coordination"
