"""What the API returns. Read-only: every field is built from selectors' results; no case note
and nothing personal outside the appointments a counsellor may see."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from teilhabe.core.translations import translated
from teilhabe.counselling.selectors import service_languages


class TopicSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class SlotSerializer(serializers.Serializer):
    start = serializers.DateTimeField(source="starts_at", read_only=True)
    end = serializers.DateTimeField(source="ends_at", read_only=True)
    key = serializers.CharField(
        read_only=True, help_text="Names the slot when booking it on the website."
    )


class PublicSlotSerializer(SlotSerializer):
    in_your_language = serializers.SerializerMethodField(
        help_text="A counsellor of this slot speaks the language asked for (?language=)."
    )

    def get_in_your_language(self, slot) -> bool:
        language = self.context.get("language")
        return bool(language) and slot.is_in_language(language)


class ServiceSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    text_language = serializers.SerializerMethodField(
        help_text="The language name and description are in: the one asked for, or German "
        "where nobody has translated them yet."
    )
    topics = TopicSerializer(many=True, read_only=True, source="topics.all")
    languages = serializers.SerializerMethodField(
        help_text="Languages the counsellors speak (ISO 639 codes)."
    )
    next_free_slot = serializers.SerializerMethodField()

    def get_name(self, service) -> str:
        return translated(service, "name").text

    def get_description(self, service) -> str:
        return translated(service, "description").text

    def get_text_language(self, service) -> str:
        return translated(service, "name").language

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_languages(self, service):
        return service_languages(service)

    @extend_schema_field(SlotSerializer(allow_null=True))
    def get_next_free_slot(self, service):
        slot = self.context.get("next_slots", {}).get(service.pk)
        return SlotSerializer(slot).data if slot else None


class AppointmentSerializer(serializers.Serializer):
    """An appointment as its service's counsellors see it at the desk — without the case
    note, which never leaves the desk."""

    code = serializers.CharField(read_only=True)
    start = serializers.DateTimeField(source="starts_at", read_only=True)
    end = serializers.DateTimeField(source="ends_at", read_only=True)
    status = serializers.CharField(source="outcome", read_only=True)
    topic = TopicSerializer(read_only=True)
    counsellor = serializers.CharField(source="counsellor.user.display_name", read_only=True)
    room = serializers.SerializerMethodField()
    name = serializers.CharField(read_only=True, help_text="First name or pseudonym.")
    contact = serializers.CharField(read_only=True)
    language = serializers.CharField(read_only=True)
    needs_interpreter = serializers.BooleanField(read_only=True)
    interpreter = serializers.CharField(read_only=True)

    def get_room(self, appointment) -> str:
        office_date = appointment.office_hours_date
        return str(office_date.room) if office_date and office_date.room else ""


class MonthSerializer(serializers.Serializer):
    month = serializers.DateField(read_only=True)
    appointments = serializers.IntegerField(read_only=True)
    walk_ins = serializers.IntegerField(read_only=True)
    cancelled = serializers.IntegerField(read_only=True)
    attended = serializers.IntegerField(read_only=True)
    no_show = serializers.IntegerField(read_only=True)
    no_show_rate = serializers.FloatField(read_only=True, allow_null=True)
    median_days_waited = serializers.FloatField(read_only=True, allow_null=True)
    median_minutes_waited = serializers.FloatField(read_only=True, allow_null=True)


class ShareSerializer(serializers.Serializer):
    key = serializers.CharField(read_only=True)
    appointments = serializers.IntegerField(read_only=True)
    walk_ins = serializers.IntegerField(read_only=True)


class TopicShareSerializer(serializers.Serializer):
    topic = serializers.CharField(read_only=True, allow_null=True)
    appointments = serializers.IntegerField(read_only=True)
    walk_ins = serializers.IntegerField(read_only=True)


class InterpreterShareSerializer(serializers.Serializer):
    needs_interpreter = serializers.BooleanField(read_only=True, source="key")
    appointments = serializers.IntegerField(read_only=True)
    walk_ins = serializers.IntegerField(read_only=True)


class StatisticsSerializer(serializers.Serializer):
    """Anonymous figures only, from the records that outlive the appointments."""

    service = serializers.SlugField(source="service.slug", read_only=True)
    first = serializers.DateField(read_only=True)
    last = serializers.DateField(read_only=True)
    appointments = serializers.IntegerField(read_only=True)
    walk_ins = serializers.IntegerField(read_only=True)
    cancelled = serializers.IntegerField(read_only=True)
    no_show_rate = serializers.FloatField(read_only=True, allow_null=True)
    median_days_waited = serializers.FloatField(read_only=True, allow_null=True)
    median_minutes_waited = serializers.FloatField(read_only=True, allow_null=True)
    months = MonthSerializer(many=True, read_only=True)
    by_topic = serializers.SerializerMethodField()
    by_language = ShareSerializer(many=True, read_only=True)
    by_interpreter = InterpreterShareSerializer(many=True, read_only=True)

    @extend_schema_field(TopicShareSerializer(many=True))
    def get_by_topic(self, statistics):
        return [
            {
                "topic": topic.name if topic else None,
                "appointments": share.appointments,
                "walk_ins": share.walk_ins,
            }
            for topic, share in statistics.by_topic
        ]
