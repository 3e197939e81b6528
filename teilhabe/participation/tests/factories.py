import factory

from teilhabe.participation.models import Comment, Idea, Support


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    title = factory.Sequence(lambda n: f"Idee {n}")
    text = "Ein Angebot, das es noch nicht gibt."
    language = "de"


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    idea = factory.SubFactory(IdeaFactory)
    supporter_key = factory.Sequence(lambda n: f"cookie:supporter-{n:020d}")
    language = "de"


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    idea = factory.SubFactory(IdeaFactory)
    text = "Gute Idee!"
