"""Helpers for the audit trail (django-auditlog), shared by every app."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Value
from django.db.models.functions import Concat


def scrub_audit_trail(model, pks) -> None:
    """Keep the fact that these records were created, changed and deleted, but drop the
    values the trail recorded about them: used when a person's data is erased."""
    keys = [str(pk) for pk in pks]
    if keys:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_pk__in=keys
        ).update(
            changes={},
            changes_text="",
            serialized_data=None,
            additional_data=None,
            object_repr=Concat(Value("#"), F("object_pk")),
        )


def mask_completely(value) -> str:
    """For auditlog's mask_fields: the log says that a field changed, never to or from what."""
    return "•••"
