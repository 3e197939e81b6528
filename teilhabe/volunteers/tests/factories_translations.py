import factory
from django.contrib.contenttypes.models import ContentType

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.volunteers.models import TranslationSuggestion, VolunteerProfile


class TranslatorProfileFactory(factory.django.DjangoModelFactory):
    """A volunteer's profile; languages mix both stored forms (dicts and plain codes)."""

    class Meta:
        model = VolunteerProfile

    user = factory.SubFactory(UserFactory, role="volunteer")
    languages = factory.LazyFunction(lambda: [{"code": "ar", "level": "native"}, "uk"])


class TranslationSuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TranslationSuggestion
        exclude = ["target"]

    target = None
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.target))
    object_id = factory.LazyAttribute(lambda o: o.target.pk)
    field = "title"
    language = "ar"
    text = "نص"
    translator = factory.SubFactory(UserFactory, role="volunteer")
