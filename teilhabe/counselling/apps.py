from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    name = "teilhabe.counselling"
    label = "counselling"
    verbose_name = _("Counselling")

    def ready(self):
        from auditlog.registry import auditlog

        from teilhabe.core import personal_data

        from . import (
            checks,  # noqa: F401  (registers the system check)
            personal,
        )
        from .models import Appointment

        personal_data.register(
            "counselling", export=personal.export_counsellor, erase=personal.erase_counsellor
        )

        # Every change of an appointment is logged (who, when, which fields); the values of
        # personal fields are masked and the case note is never written to the log.
        auditlog.register(
            Appointment,
            exclude_fields=["note", "token_hash", "updated_at"],
            mask_fields=["name", "contact", "interpreter"],
            mask_callable="teilhabe.core.audit.mask_completely",
        )
        from .home import register as register_home_section

        register_home_section()
