from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cartpath.cases"
    label = "cases"
