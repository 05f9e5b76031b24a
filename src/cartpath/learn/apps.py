from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "cartpath.learn"
    label = "learn"
