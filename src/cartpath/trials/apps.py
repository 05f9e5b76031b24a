from django.apps import AppConfig


class TrialsConfig(AppConfig):
    name = "cartpath.trials"
    label = "trials"
