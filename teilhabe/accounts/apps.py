from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "teilhabe.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog

        from teilhabe.core import personal_data

        from . import services
        from .models import User

        auditlog.register(User, exclude_fields=["password", "last_login"])
        personal_data.register(
            "account", export=services.export_account, erase=services.erase_account
        )
