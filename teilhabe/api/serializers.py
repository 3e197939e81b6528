"""What the API returns. Read-only: every field is built from selectors' results; no case note
and nothing personal outside the appointments a counsellor may see."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from teilhabe.associations.models import Association
from teilhabe.core.translations import translated
from teilhabe.counselling.selectors import service_languages
from teilhabe.programme.models import Category, CostKind, RegistrationMode, RegistrationScope
from teilhabe.rooms.models import Room


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


class BySlug(serializers.SlugRelatedField):
    """Names an object by its slug; a value PostgreSQL cannot even compare (a NUL character)
    is an invalid slug, not a server error."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


# --- programme --------------------------------------------------------------------------------


def _text_language(obj, field: str) -> str:
    return translated(obj, field).language


class CategorySerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, category) -> str:
        return translated(category, "name").text


class AssociationRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class AssociationSerializer(serializers.Serializer):
    """An association as its public page shows it."""

    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    short_description = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField(help_text="Markdown.")
    text_language = serializers.SerializerMethodField(
        help_text="The language the descriptions are in: the one asked for, or German where "
        "nobody has translated them yet."
    )
    is_migrant_organisation = serializers.BooleanField(read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    founding_year = serializers.IntegerField(read_only=True, allow_null=True)
    contact_email = serializers.CharField(read_only=True)
    contact_phone = serializers.CharField(read_only=True)
    website = serializers.CharField(read_only=True)

    def get_short_description(self, association) -> str:
        return translated(association, "short_description").text

    def get_description(self, association) -> str:
        return translated(association, "description").text

    def get_text_language(self, association) -> str:
        return _text_language(association, "short_description")


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    start = serializers.DateTimeField(source="starts_at", read_only=True)
    end = serializers.DateTimeField(source="ends_at", read_only=True)
    room = serializers.SerializerMethodField(help_text="The room's name; empty outside the house.")
    is_moved = serializers.BooleanField(read_only=True)
    note = serializers.CharField(read_only=True)

    def get_room(self, session) -> str:
        return translated(session.room, "name").text if session.room else ""


class OfferSerializer(serializers.Serializer):
    """An offer of the programme as the catalogue shows it."""

    slug = serializers.SlugField(read_only=True)
    status = serializers.CharField(read_only=True)
    title = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    text_language = serializers.SerializerMethodField(
        help_text="The language title and summary are in: the one asked for, or German where "
        "nobody has translated them yet."
    )
    category = CategorySerializer(read_only=True)
    lead_association = AssociationRefSerializer(read_only=True)
    co_hosts = AssociationRefSerializer(many=True, read_only=True, source="co_hosts.all")
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    age_min = serializers.IntegerField(read_only=True, allow_null=True)
    age_max = serializers.IntegerField(read_only=True, allow_null=True)
    is_women_only = serializers.BooleanField(read_only=True)
    is_for_families = serializers.BooleanField(read_only=True)
    is_for_children = serializers.BooleanField(read_only=True)
    cost_kind = serializers.CharField(read_only=True)
    price = serializers.DecimalField(
        max_digits=7, decimal_places=2, read_only=True, allow_null=True
    )
    reduced_price = serializers.DecimalField(
        max_digits=7, decimal_places=2, read_only=True, allow_null=True
    )
    is_step_free = serializers.BooleanField(read_only=True)
    has_childcare = serializers.BooleanField(read_only=True)
    registration_mode = serializers.CharField(read_only=True)
    registration_scope = serializers.CharField(read_only=True)
    capacity = serializers.IntegerField(read_only=True, allow_null=True)
    contact_name = serializers.CharField(read_only=True)
    contact_email = serializers.CharField(read_only=True)
    contact_phone = serializers.CharField(read_only=True)
    web_page = serializers.SerializerMethodField()
    next_sessions = serializers.SerializerMethodField(help_text="The next (up to three) dates.")

    def get_title(self, offer) -> str:
        return translated(offer, "title").text

    def get_summary(self, offer) -> str:
        return translated(offer, "summary").text

    def get_text_language(self, offer) -> str:
        return _text_language(offer, "title")

    def get_web_page(self, offer) -> str:
        return offer.get_absolute_url()

    @extend_schema_field(SessionSerializer(many=True))
    def get_next_sessions(self, offer):
        sessions = getattr(offer, "upcoming_sessions", None)
        if sessions is None:
            return []
        return SessionSerializer([s for s in sessions if not s.is_cancelled], many=True).data


class OfferDetailSerializer(OfferSerializer):
    description = serializers.SerializerMethodField(help_text="Markdown.")

    def get_description(self, offer) -> str:
        return translated(offer, "description").text


class OfferTranslationSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=300, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)


def _language_codes():
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES]


class OfferWriteSerializer(serializers.Serializer):
    """What a host sends to create or change an offer: the German texts (the source of every
    translation) and optional translations by language code. A new offer starts as a draft;
    publishing is a change of its status."""

    title = serializers.CharField(max_length=200, help_text="German title.")
    summary = serializers.CharField(max_length=300, help_text="German summary.")
    description = serializers.CharField(
        required=False, allow_blank=True, help_text="German description (Markdown)."
    )
    translations = serializers.DictField(
        child=OfferTranslationSerializer(),
        required=False,
        help_text="Texts in other languages, by language code (en, ar, fa, ru, tr, uk).",
    )
    category = BySlug(slug_field="slug", queryset=Category.objects.all())
    lead_association = BySlug(
        slug_field="slug", queryset=Association.objects.filter(is_active=True)
    )
    co_hosts = BySlug(
        slug_field="slug",
        queryset=Association.objects.filter(is_active=True),
        many=True,
        required=False,
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=10), required=False, max_length=20
    )
    age_min = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120)
    age_max = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120)
    is_women_only = serializers.BooleanField(required=False)
    is_for_families = serializers.BooleanField(required=False)
    is_for_children = serializers.BooleanField(required=False)
    cost_kind = serializers.ChoiceField(choices=CostKind.choices, required=False)
    price = serializers.DecimalField(
        max_digits=7, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    reduced_price = serializers.DecimalField(
        max_digits=7, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    is_step_free = serializers.BooleanField(required=False)
    has_childcare = serializers.BooleanField(required=False)
    registration_mode = serializers.ChoiceField(choices=RegistrationMode.choices, required=False)
    registration_scope = serializers.ChoiceField(choices=RegistrationScope.choices, required=False)
    capacity = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=32767
    )
    contact_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=50, required=False, allow_blank=True)

    # Model field → API field, for the messages of the model's own checks.
    MODEL_FIELDS = {
        "title_de": "title",
        "summary_de": "summary",
        "description_de": "description",
        "co_hosts": "co_hosts",
    }

    def validate_languages(self, codes):
        from django.utils.translation import gettext as _

        from teilhabe.core.languages import language_choices

        known = dict(language_choices())
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown language: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return list(dict.fromkeys(codes))

    def validate_translations(self, translations):
        from django.utils.translation import gettext as _

        codes = [code for code in _language_codes() if code != "de"]
        unknown = [code for code in translations if code not in codes]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown language: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return translations

    def apply_to(self, offer) -> list | None:
        """Put the values on the offer (German texts in the German fields); returns the co-hosts
        to set, or None to leave them."""
        data = dict(self.validated_data)
        for name in ("title", "summary", "description"):
            if name in data:
                setattr(offer, f"{name}_de", data.pop(name))
        for code, texts in data.pop("translations", {}).items():
            for name, text in texts.items():
                setattr(offer, f"{name}_{code}", text)
        co_hosts = data.pop("co_hosts", None)
        for name, value in data.items():
            setattr(offer, name, value)
        return co_hosts


class OfferStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[("draft", "draft"), ("published", "published"), ("archived", "archived")],
        help_text="published: in the programme; draft or archived: taken out of it.",
    )


# --- rooms ------------------------------------------------------------------------------------


class RoomSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    text_language = serializers.SerializerMethodField()
    floor = serializers.IntegerField(read_only=True, help_text="0 is the ground floor.")
    capacity = serializers.IntegerField(read_only=True)
    is_step_free = serializers.BooleanField(read_only=True)
    equipment = serializers.SerializerMethodField()

    def get_name(self, room) -> str:
        return translated(room, "name").text

    def get_description(self, room) -> str:
        return translated(room, "description").text

    def get_text_language(self, room) -> str:
        return _text_language(room, "name")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_equipment(self, room):
        return [translated(item, "name").text for item in room.equipment.all()]


class OfferRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    title = serializers.SerializerMethodField()

    def get_title(self, offer) -> str:
        return translated(offer, "title").text


class BusyTimeSerializer(serializers.Serializer):
    start = serializers.DateTimeField(read_only=True)
    end = serializers.DateTimeField(read_only=True)
    kind = serializers.ChoiceField(
        choices=[("booked", "booked"), ("programme", "programme"), ("closed", "closed")],
        read_only=True,
        help_text="booked: taken (by whom is not public); programme: a date of the public "
        "programme; closed: the house or the room is closed.",
    )
    offer = OfferRefSerializer(read_only=True, allow_null=True)


class AvailabilitySerializer(serializers.Serializer):
    room = serializers.IntegerField(read_only=True)
    first = serializers.DateField(read_only=True)
    last = serializers.DateField(read_only=True)
    busy = BusyTimeSerializer(many=True, read_only=True)


class BookingSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.filter(is_active=True))
    association = BySlug(
        slug_field="slug",
        queryset=Association.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="The association booking; only staff may leave it out (a booking of the house).",
    )
    start = serializers.DateTimeField(source="starts_at")
    end = serializers.DateTimeField(source="ends_at")
    purpose = serializers.CharField(max_length=200)
    kind = serializers.CharField(read_only=True)

    def validate(self, data):
        from django.utils.translation import gettext as _

        for name, api_name in (("starts_at", "start"), ("ends_at", "end")):
            if not 2000 <= data[name].year <= 2999:
                raise serializers.ValidationError(
                    {api_name: _("Please give a time between the years 2000 and 2999.")}
                )
        return data


# --- volunteering -----------------------------------------------------------------------------


class OpenRoleSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    when = serializers.SerializerMethodField()
    text_language = serializers.SerializerMethodField()
    kind = serializers.CharField(read_only=True)
    starts_on = serializers.DateField(read_only=True, allow_null=True)
    ends_on = serializers.DateField(read_only=True, allow_null=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    skills = serializers.CharField(read_only=True)
    places = serializers.IntegerField(read_only=True)
    association = AssociationRefSerializer(
        read_only=True, allow_null=True, help_text="Empty: the centre itself."
    )
    offer = serializers.SerializerMethodField()
    web_page = serializers.SerializerMethodField()

    def get_title(self, role) -> str:
        return translated(role, "title").text

    def get_description(self, role) -> str:
        return translated(role, "description").text

    def get_when(self, role) -> str:
        return translated(role, "when").text

    def get_text_language(self, role) -> str:
        return _text_language(role, "title")

    @extend_schema_field(serializers.SlugField(allow_null=True))
    def get_offer(self, role):
        return role.offer.slug if role.offer else None

    def get_web_page(self, role) -> str:
        return role.get_absolute_url()


# --- network ----------------------------------------------------------------------------------


class PhoneSerializer(serializers.Serializer):
    number = serializers.CharField(read_only=True)
    type = serializers.CharField(read_only=True, help_text="voice, cell, fax or text.")
    description = serializers.CharField(read_only=True)


class OpeningHoursSerializer(serializers.Serializer):
    weekday = serializers.CharField(source="byday", read_only=True, help_text="MO … SU.")
    opens = serializers.SerializerMethodField(help_text="Local time, HH:MM.")
    closes = serializers.SerializerMethodField(help_text="Local time, HH:MM.")
    description = serializers.CharField(read_only=True)

    # A string, not a "time" of OpenAPI: that would need seconds (RFC 3339 full-time).
    @extend_schema_field({"type": "string", "pattern": r"^\d{2}:\d{2}$"})
    def get_opens(self, schedule):
        return f"{schedule.opens_at:%H:%M}"

    @extend_schema_field({"type": "string", "pattern": r"^\d{2}:\d{2}$"})
    def get_closes(self, schedule):
        return f"{schedule.closes_at:%H:%M}"


class LocationSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    name = serializers.CharField(read_only=True)
    street = serializers.CharField(read_only=True)
    postal_code = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    district = serializers.CharField(read_only=True)
    opening_hours = OpeningHoursSerializer(many=True, read_only=True, source="schedules.all")
    phones = PhoneSerializer(many=True, read_only=True, source="phones.all")


class OrganizationRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    name = serializers.CharField(read_only=True)
    website = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    is_in_house = serializers.BooleanField(read_only=True)
    phones = PhoneSerializer(many=True, read_only=True, source="phones.all")


class NetworkServiceSerializer(serializers.Serializer):
    """A service of a partner of the network (after the Open Referral HSDS: a service of an
    organization, at locations, with opening hours and phones)."""

    id = serializers.UUIDField(source="uuid", read_only=True)
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    text_language = serializers.SerializerMethodField()
    service_type = serializers.CharField(read_only=True)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    url = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    organization = OrganizationRefSerializer(read_only=True)
    locations = serializers.SerializerMethodField()
    opening_hours = OpeningHoursSerializer(many=True, read_only=True, source="schedules.all")
    phones = PhoneSerializer(many=True, read_only=True, source="phones.all")

    def get_name(self, service) -> str:
        return translated(service, "name").text

    def get_description(self, service) -> str:
        return translated(service, "description").text

    def get_text_language(self, service) -> str:
        return _text_language(service, "name")

    @extend_schema_field(LocationSerializer(many=True))
    def get_locations(self, service):
        return LocationSerializer(
            [link.location for link in service.service_at_locations.all()], many=True
        ).data


class OrganizationSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    name = serializers.CharField(read_only=True)
    description = serializers.SerializerMethodField()
    text_language = serializers.SerializerMethodField()
    website = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    is_in_house = serializers.BooleanField(read_only=True)
    association = serializers.SerializerMethodField(
        help_text="The slug of its association of the house, if any."
    )
    phones = PhoneSerializer(many=True, read_only=True, source="phones.all")
    locations = LocationSerializer(many=True, read_only=True, source="locations.all")

    @extend_schema_field(serializers.SlugField(allow_null=True))
    def get_association(self, organization):
        return organization.association.slug if organization.association else None

    def get_description(self, organization) -> str:
        return translated(organization, "description").text

    def get_text_language(self, organization) -> str:
        return _text_language(organization, "description")
