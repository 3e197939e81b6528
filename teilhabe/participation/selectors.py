from django.db.models import Count, Prefetch, Q, QuerySet

from teilhabe.associations.models import Association, MembershipRole
from teilhabe.programme.models import Offer

from .models import Comment, Idea, IdeaStatus, Support

ORDERS = {"newest": ("-created_at", "-pk"), "supported": ("-support_count", "-created_at", "-pk")}


def ideas_for_list(
    *, status: str = "", order: str = "newest", include_hidden: bool = False
) -> QuerySet[Idea]:
    """The board: ideas not merged into another, with their number of supports."""
    ideas = Idea.objects.filter(merged_into__isnull=True)
    if not include_hidden:
        ideas = ideas.filter(is_hidden=False)
    if status in IdeaStatus.values:
        ideas = ideas.filter(status=status)
    return (
        ideas.select_related("adopted_by_association", "adopted_by_volunteer", "adopted_offer")
        .annotate(support_count=Count("supports"))
        .order_by(*ORDERS.get(order, ORDERS["newest"]))
    )


def idea_for_page(pk: int, *, include_hidden: bool = False) -> Idea:
    """One idea with what its page shows; raises Idea.DoesNotExist for a hidden one unless
    the viewer moderates."""
    ideas = Idea.objects.select_related(
        "adopted_by_association", "adopted_by_volunteer", "adopted_offer", "merged_into"
    ).annotate(support_count=Count("supports"))
    if not include_hidden:
        ideas = ideas.filter(is_hidden=False)
    comments = Comment.objects.order_by("created_at", "pk")
    if not include_hidden:
        comments = comments.filter(is_hidden=False)
    return ideas.prefetch_related(Prefetch("comments", queryset=comments)).get(pk=pk)


def support_count(idea: Idea) -> int:
    return Support.objects.filter(idea=idea).count()


def has_supported(idea: Idea, *, supporter_keys: list[str]) -> bool:
    keys = [key for key in supporter_keys if key]
    return bool(keys) and Support.objects.filter(idea=idea, supporter_key__in=keys).exists()


def merge_targets(idea: Idea) -> QuerySet[Idea]:
    """Ideas another idea can be merged into: not itself, not merged themselves."""
    return Idea.objects.filter(merged_into__isnull=True).exclude(pk=idea.pk).order_by("title")


def associations_for_adoption(user) -> QuerySet[Association]:
    if not user.is_authenticated:
        return Association.objects.none()
    return Association.objects.filter(
        memberships__user=user, memberships__role=MembershipRole.ADMIN
    ).order_by("name")


def offers_for_linking(idea: Idea, *, user) -> QuerySet[Offer]:
    """The offers an adopted idea can be linked to: those of the adopting association (as lead
    or co-host); staff may choose any offer (e.g. for an idea a volunteer adopted)."""
    offers = Offer.objects.exclude(status="archived").order_by("title")
    if user.has_perm("participation.moderate_idea"):
        return offers
    if idea.adopted_by_association_id is None:
        return offers.none()
    association = idea.adopted_by_association_id
    return offers.filter(Q(lead_association_id=association) | Q(co_hosts=association)).distinct()
