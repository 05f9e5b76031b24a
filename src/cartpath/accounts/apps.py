from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cartpath.accounts"
    label = "accounts"
