from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "teilhabe.programme"
    label = "programme"
    verbose_name = _("Joint programme")

    def ready(self):
        from auditlog.registry import auditlog

        from teilhabe.associations.pages import register_association_section
        from teilhabe.core import personal_data
        from teilhabe.core.home import register_home_section

        from . import personal, selectors
        from .models import Offer, Registration

        auditlog.register(Offer, m2m_fields={"co_hosts"})
        auditlog.register(Registration)
        register_association_section(
            order=10,
            template="programme/catalogue/association_section.html",
            context=lambda association: {
                "offers": selectors.offers_of_association(association),
                "association": association,
            },
        )
        register_home_section(
            order=10,
            template="programme/catalogue/home_section.html",
            context=lambda: {"sessions": selectors.next_sessions(limit=8)},
        )
        personal_data.register(
            "registrations",
            export=personal.export_registrations,
            erase=personal.erase_registrations,
        )
        from teilhabe.rooms.planner.sources import register_planning_source

        from . import planning

        register_planning_source(
            planning.SOURCE_KEY,
            label=_("Collect from the programme"),
            collect=planning.collect,
            apply=planning.apply,
            prepare=planning.prepare,
            held_bookings=planning.held_bookings,
        )
