from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    name = "teilhabe.associations"
    label = "associations"
    verbose_name = _("Associations")

    def ready(self):
        from auditlog.registry import auditlog

        from teilhabe.core import personal_data
        from teilhabe.core.home import register_home_section

        from . import personal, selectors
        from .models import Association, CooperationAgreement, Membership, Signature

        for model in (Association, Membership, CooperationAgreement, Signature):
            auditlog.register(model)
        personal_data.register(
            "associations", export=personal.export_memberships, erase=personal.erase_memberships
        )
        register_home_section(
            order=50,
            template="associations/home_section.html",
            context=lambda: {"associations": selectors.public_associations()},
        )
