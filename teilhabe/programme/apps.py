from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "teilhabe.programme"
    label = "programme"
    verbose_name = _("Joint programme")

    def ready(self):
        from auditlog.registry import auditlog

        from teilhabe.core import personal_data

        from . import personal
        from .models import Offer, Registration

        auditlog.register(Offer, m2m_fields={"co_hosts"})
        auditlog.register(Registration)
        personal_data.register(
            "registrations",
            export=personal.export_registrations,
            erase=personal.erase_registrations,
        )
