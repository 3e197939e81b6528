from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "teilhabe.participation"
    label = "participation"
    verbose_name = _("Ideas board")

    def ready(self):
        from teilhabe.core import personal_data

        from . import personal

        personal_data.register("ideas", export=personal.export_ideas, erase=personal.erase_ideas)
