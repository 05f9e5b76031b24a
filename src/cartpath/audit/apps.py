from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "cartpath.audit"
    label = "audit"
