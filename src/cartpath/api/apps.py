from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cartpath.api"
    label = "api"
