"""Every write on the ideas board. Supports are counted as rows under a unique constraint per
(idea, supporter), so parallel clicks can never count one supporter twice; the client address
is kept only as a keyed hash and limits how often one connection can support."""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from teilhabe.associations.models import Association, MembershipRole
from teilhabe.core.cache import within_limit
from teilhabe.core.mail import send_templated_email
from teilhabe.core.permissions import ensure_allowed
from teilhabe.programme.models import Offer, OfferStatus

from .models import Comment, Idea, IdeaStatus, Support

MODERATION_STATUSES = (IdeaStatus.NEW, IdeaStatus.DISCUSSION, IdeaStatus.NOT_POSSIBLE)


def keyed_hash(*parts) -> str:
    """HMAC-SHA256 with the SECRET_KEY: the same input gives the same hash here, but nobody
    without the key can find the address behind it."""
    message = "\x1f".join(str(part) for part in parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _within_hourly_limit(kind: str, client_address: str, limit: int) -> bool:
    """Counts one more action of this kind from this address in this hour (in the cache)."""
    hour = int(time.time() // 3600)
    key = f"participation:{kind}:{keyed_hash('rate', kind, client_address)[:32]}:{hour}"
    return within_limit(key, limit, 3600)


def supporter_keys(*, user=None, cookie_id: str = "") -> list[str]:
    """The keys one person may have supported under: their account (counted once, whatever
    cookie) and the random id in their cookie."""
    keys = []
    if user is not None and user.is_authenticated:
        keys.append(f"user:{user.pk}")
    if cookie_id:
        keys.append(f"cookie:{cookie_id}")
    return keys


def propose_idea(
    *,
    title: str,
    text: str,
    language: str,
    proposer_name: str = "",
    proposer_email: str = "",
    client_address: str = "",
) -> Idea:
    if not _within_hourly_limit("idea", client_address, settings.PARTICIPATION_IDEAS_PER_HOUR):
        raise ValidationError(
            _("Too many ideas from your connection in the last hour. Please try again later.")
        )
    idea = Idea(
        title=title.strip(),
        text=text.strip(),
        language=language,
        proposer_name=proposer_name.strip(),
        proposer_email=proposer_email.strip(),
    )
    idea.full_clean()
    idea.save()
    return idea


@transaction.atomic
def support_idea(
    *,
    idea: Idea,
    cookie_id: str = "",
    client_address: str = "",
    user=None,
    contact_email: str = "",
    language: str = "de",
) -> bool:
    """One support per person: returns True for a new support, False if this person had
    already supported the idea (nothing changes then)."""
    idea = Idea.objects.get(pk=idea.pk)
    if not idea.is_supportable:
        raise ValidationError(_("This idea can no longer be supported."))
    keys = supporter_keys(user=user, cookie_id=cookie_id)
    if not keys:
        raise ValidationError(_("Your support could not be counted. Please allow cookies."))
    if Support.objects.filter(idea=idea, supporter_key__in=keys).exists():
        return False
    address_hash = keyed_hash("support", idea.pk, client_address) if client_address else ""
    if address_hash:
        per_idea = settings.PARTICIPATION_SUPPORTS_PER_ADDRESS_AND_IDEA
        if Support.objects.filter(idea=idea, address_hash=address_hash).count() >= per_idea:
            raise ValidationError(
                _("This idea has had too many supports from your connection already.")
            )
    if not _within_hourly_limit(
        "support", client_address, settings.PARTICIPATION_SUPPORTS_PER_HOUR
    ):
        raise ValidationError(
            _("Too many supports from your connection in the last hour. Please try again later.")
        )
    support = Support(
        idea=idea,
        supporter_key=keys[0],
        address_hash=address_hash,
        contact_email=contact_email.strip(),
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
    )
    support.full_clean(exclude=["idea", "supporter_key"], validate_unique=False)
    try:
        with transaction.atomic():
            support.save()
    except IntegrityError:  # the same person clicked twice at the same moment
        return False
    return True


def add_comment(
    *, idea: Idea, text: str, name: str = "", language: str = "de", client_address: str = ""
) -> Comment:
    if idea.is_hidden or idea.merged_into_id:
        raise ValidationError(_("This idea can no longer be commented on."))
    if not _within_hourly_limit(
        "comment", client_address, settings.PARTICIPATION_COMMENTS_PER_HOUR
    ):
        raise ValidationError(
            _("Too many comments from your connection in the last hour. Please try again later.")
        )
    comment = Comment(idea=idea, text=text.strip(), name=name.strip(), language=language)
    comment.full_clean()
    comment.save()
    return comment


# --- moderation ---------------------------------------------------------------------------------


def hide_idea(*, idea: Idea, hidden: bool, by) -> Idea:
    ensure_allowed(by, "participation.moderate_idea", idea)
    idea.is_hidden = hidden
    idea.save(update_fields=["is_hidden", "updated_at"])
    return idea


def hide_comment(*, comment: Comment, hidden: bool, by) -> Comment:
    ensure_allowed(by, "participation.moderate_idea", comment.idea)
    comment.is_hidden = hidden
    comment.save(update_fields=["is_hidden"])
    return comment


def answer_idea(*, idea: Idea, answer: str, by) -> Idea:
    ensure_allowed(by, "participation.moderate_idea", idea)
    idea.staff_answer = answer.strip()
    idea.full_clean()
    idea.save(update_fields=["staff_answer", "updated_at"])
    return idea


@transaction.atomic
def set_idea_status(*, idea: Idea, status: str, reason: str = "", by) -> Idea:
    """Staff move an idea to new, under discussion or not possible (with a reason). Adopted
    and realised follow from adoption and the resulting offer; moving an adopted idea back
    means the adoption fell through, so the adopter and the offer are removed."""
    ensure_allowed(by, "participation.moderate_idea", idea)
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if status not in MODERATION_STATUSES:
        raise ValidationError(_("Choose new, under discussion or not possible."))
    reason = reason.strip()
    if status == IdeaStatus.NOT_POSSIBLE and not reason:
        raise ValidationError({"reason": _("Say why the idea is not possible.")})
    idea.status = status
    idea.status_reason = reason
    idea.adopted_by_association = None
    idea.adopted_by_volunteer = None
    idea.adopted_offer = None
    idea.adopted_at = None
    idea.full_clean()
    idea.save()
    return idea


@transaction.atomic
def merge_idea(*, idea: Idea, into: Idea, by) -> Idea:
    """A duplicate joins another idea: its supports move over (a supporter of both counts
    once, keeping a contact address they left on either) and it shows where it went."""
    ensure_allowed(by, "participation.moderate_idea", idea)
    if idea.pk == into.pk:
        raise ValidationError(_("An idea cannot be merged into itself."))
    locked = {
        locked.pk: locked
        for locked in Idea.objects.select_for_update().filter(pk__in=[idea.pk, into.pk])
    }
    source, target = locked[idea.pk], locked[into.pk]
    if source.merged_into_id:
        raise ValidationError(_("This idea is already merged into another one."))
    if target.merged_into_id:
        raise ValidationError(_("Choose an idea that is not merged into another one."))
    existing = {s.supporter_key: s for s in Support.objects.filter(idea=target)}
    for support in Support.objects.filter(idea=source):
        twin = existing.get(support.supporter_key)
        if twin is None:
            support.idea = target
            support.save(update_fields=["idea"])
            existing[support.supporter_key] = support
            continue
        if support.contact_email and not twin.contact_email:
            twin.contact_email = support.contact_email
            twin.language = support.language
            twin.save(update_fields=["contact_email", "language"])
        support.delete()
    Idea.objects.filter(merged_into=source).update(merged_into=target)
    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    return source


# --- adoption -----------------------------------------------------------------------------------


@transaction.atomic
def adopt_idea(*, idea: Idea, by, association: Association | None = None) -> Idea:
    """An association's admin adopts the idea for the association, a volunteer for
    themselves. Everyone who left a contact is told (once)."""
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    ensure_allowed(by, "participation.adopt_idea", idea)
    if association is not None:
        if not association.memberships.filter(user=by, role=MembershipRole.ADMIN).exists():
            raise ValidationError(_("You can adopt ideas only for an association you run."))
        idea.adopted_by_association = association
    elif by.role == "volunteer":
        idea.adopted_by_volunteer = by
    else:
        raise ValidationError({"association": _("Choose the association that adopts it.")})
    idea.status = IdeaStatus.ADOPTED
    idea.status_reason = ""
    idea.adopted_at = timezone.now()
    idea.save()
    _tell_supporters(idea, event="adopted")
    return idea


@transaction.atomic
def link_offer(*, idea: Idea, offer: Offer, by) -> Idea:
    """Links the offer that resulted from an adopted idea; once the offer is published the
    idea is realised and everyone who left a contact is told (once)."""
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    ensure_allowed(by, "participation.link_offer", idea)
    from .selectors import offers_for_linking

    if not offers_for_linking(idea, user=by).filter(pk=offer.pk).exists():
        raise ValidationError({"offer": _("Choose one of the adopting association's offers.")})
    idea.adopted_offer = offer
    if offer.status == OfferStatus.PUBLISHED:
        idea.status = IdeaStatus.REALISED
    idea.save()
    if idea.status == IdeaStatus.REALISED:
        _tell_supporters(idea, event="realised")
    return idea


def _tell_supporters(idea: Idea, *, event: str) -> int:
    """E-mails the proposer and every supporter who left an address, each in the language
    they wrote in, one message each (nobody sees the others' addresses). Once per event."""
    field = "adoption_told_at" if event == "adopted" else "realisation_told_at"
    if getattr(idea, field) is not None:
        return 0
    recipients: dict[str, str] = {}
    if idea.proposer_email:
        recipients[idea.proposer_email.lower()] = idea.language
    for email, language in (
        Support.objects.filter(idea=idea)
        .exclude(contact_email="")
        .values_list("contact_email", "language")
    ):
        recipients.setdefault(email.lower(), language)
    for email, language in recipients.items():
        with translation.override(language):
            link = settings.SITE_URL + reverse("participation:idea-detail", kwargs={"pk": idea.pk})
        send_templated_email(
            to=[email],
            subject_template=f"participation/email/idea_{event}_subject.txt",
            body_template=f"participation/email/idea_{event}.txt",
            context={"idea": idea, "link": link},
            language=language,
        )
    setattr(idea, field, timezone.now())
    fields = [field]
    if event == "realised":  # nothing more to tell: the addresses are no longer needed
        Support.objects.filter(idea=idea).exclude(contact_email="").update(contact_email="")
        idea.proposer_email = ""
        fields.append("proposer_email")
    idea.save(update_fields=fields)
    return len(recipients)
