from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "teilhabe.volunteers"
    label = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from auditlog.registry import auditlog

        from teilhabe.core import personal_data
        from teilhabe.programme.pages import register_offer_section

        from . import interpreting, personal
        from .models import VolunteerProfile

        auditlog.register(VolunteerProfile, m2m_fields={"associations"})
        interpreting.register_broker()
        personal_data.register(
            "volunteering", export=personal.export_profile, erase=personal.erase_profile
        )
        register_offer_section(
            order=10,
            template="volunteers/translations/_credit.html",
            context=lambda offer: {"object": offer},
        )
