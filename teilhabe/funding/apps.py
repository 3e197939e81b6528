from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "teilhabe.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Application, FundingProgramme

        auditlog.register(Application, m2m_fields={"offers"})
        auditlog.register(FundingProgramme)

        from .home import register as register_home_section

        register_home_section()
