from django.apps import AppConfig


class VaultConfig(AppConfig):
    name = "cartpath.vault"
    label = "vault"
