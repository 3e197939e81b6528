from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    name = "teilhabe.rooms"
    label = "rooms"
    verbose_name = _("Rooms and building")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Room

        auditlog.register(Room)
