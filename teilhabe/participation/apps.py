from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "teilhabe.participation"
    label = "participation"
    verbose_name = _("Ideas board")

    def ready(self):
        from auditlog.registry import auditlog

        from teilhabe.core import personal_data

        from . import personal
        from .models import Comment, Idea

        # Moderation (hiding, merging, answers, status) is in the audit trail; the proposer's
        # and commenters' names and contacts are masked there.
        auditlog.register(
            Idea,
            mask_fields=["proposer_name", "proposer_email"],
            mask_callable="teilhabe.core.audit.mask_completely",
        )
        auditlog.register(
            Comment, mask_fields=["name"], mask_callable="teilhabe.core.audit.mask_completely"
        )

        personal_data.register("ideas", export=personal.export_ideas, erase=personal.erase_ideas)
