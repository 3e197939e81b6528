"""Interpreters for other parts of the house. Counselling (a lower app) asks for an interpreter
through its broker registry; here each request becomes an open task that volunteers who speak
the language can take. A request carries the language, the time and the place — nothing about
the person — and an opaque reference used only to report back to counselling.

Writes and reads of interpreter requests live together in this module because they are few."""

import rules
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.accounts.rules import is_centre_staff, is_volunteer
from teilhabe.core.languages import language_name
from teilhabe.core.mail import send_templated_email
from teilhabe.counselling import interpreting as counselling_interpreting

from .models import (
    Assignment,
    AssignmentStatus,
    InterpreterRequest,
    InterpreterRequestStatus,
    VolunteerProfile,
)
from .services import BUSY_STATUSES, overlapping_assignments

# A volunteer takes and gives back requests; staff see them all.
rules.add_perm("volunteers.interpret", is_volunteer)
rules.add_perm("volunteers.oversee_interpreting", is_centre_staff)

_registered = False


def register_broker() -> None:
    """Offer the volunteers as interpreters to counselling (called once from AppConfig.ready)."""
    global _registered
    if not _registered:
        counselling_interpreting.register(request=request_interpreter, withdraw=withdraw_request)
        _registered = True


# --- reads ------------------------------------------------------------------------------------


def _is_open() -> Q:
    """Open: not withdrawn and nobody holds it — also when the volunteer's assignment was
    cancelled or declined elsewhere, or their account was deleted."""
    return ~Q(status=InterpreterRequestStatus.WITHDRAWN) & (
        Q(assignment__isnull=True) | ~Q(assignment__status__in=BUSY_STATUSES)
    )


def spoken_languages(user) -> list[str]:
    profile = VolunteerProfile.objects.filter(user=user).first()
    return [code for code in (profile.language_codes if profile else []) if code]


def open_requests_for(user, *, languages: list[str]) -> QuerySet[InterpreterRequest]:
    """Upcoming open requests in the languages the volunteer speaks."""
    return (
        InterpreterRequest.objects.filter(_is_open())
        .filter(language__in=languages, starts_at__gt=timezone.now())
        .order_by("starts_at", "pk")
    )


def requests_taken_by(user) -> QuerySet[InterpreterRequest]:
    """Upcoming requests the volunteer has taken (and not given back)."""
    return (
        InterpreterRequest.objects.filter(
            status=InterpreterRequestStatus.TAKEN,
            assignment__volunteer=user,
            assignment__status__in=BUSY_STATUSES,
            ends_at__gt=timezone.now(),
        )
        .select_related("assignment")
        .order_by("starts_at", "pk")
    )


def all_requests() -> QuerySet[InterpreterRequest]:
    """Every request, newest appointments first, with who took it (for staff)."""
    return InterpreterRequest.objects.select_related("assignment__volunteer").order_by(
        "-starts_at", "-pk"
    )


# --- the broker: requests from counselling ------------------------------------------------------


@transaction.atomic
def request_interpreter(request: counselling_interpreting.InterpreterRequest) -> None:
    """Open a request (or open it again with the new details, if it was asked before)."""
    item = (
        InterpreterRequest.objects.select_for_update().filter(reference=request.reference).first()
    )
    details = {
        "language": request.language,
        "starts_at": request.starts_at,
        "ends_at": request.ends_at,
        "place": request.place[:200],
    }
    if item is None:
        InterpreterRequest.objects.create(reference=request.reference, **details)
        return
    unchanged = all(getattr(item, name) == value for name, value in details.items())
    if unchanged and item.status != InterpreterRequestStatus.WITHDRAWN:
        return
    _release(item, tell=True)
    for name, value in details.items():
        setattr(item, name, value)
    item.status = InterpreterRequestStatus.OPEN
    item.save()


@transaction.atomic
def withdraw_request(reference: str) -> None:
    """The appointment no longer needs an interpreter (cancelled, or deleted). A volunteer who
    had taken it is told and their assignment cancelled — unless it is already over, in which
    case what happened stays as it was."""
    item = InterpreterRequest.objects.select_for_update().filter(reference=reference).first()
    if item is None or item.status == InterpreterRequestStatus.WITHDRAWN:
        return
    holds = _holder_assignment(item)
    if holds is not None and item.ends_at <= timezone.now():
        return
    _release(item, tell=True)
    item.status = InterpreterRequestStatus.WITHDRAWN
    item.save(update_fields=["status", "assignment", "updated_at"])


def _holder_assignment(item: InterpreterRequest) -> Assignment | None:
    # Read after the row lock, in a query of its own: under READ COMMITTED, a join in the
    # locking query would still show the state before a concurrent taker committed.
    assignment = item.assignment
    if assignment is not None and assignment.status in BUSY_STATUSES:
        return assignment
    return None


def _release(item: InterpreterRequest, *, tell: bool) -> None:
    """Cancel the assignment of whoever holds the request (telling them by e-mail)."""
    assignment = _holder_assignment(item)
    item.assignment = None
    if assignment is None:
        return
    assignment.status = AssignmentStatus.CANCELLED
    assignment.save(update_fields=["status", "updated_at"])
    if tell:
        _mail_withdrawn(assignment)


def _mail_withdrawn(assignment: Assignment) -> None:
    volunteer = assignment.volunteer
    if not volunteer.email:
        return
    send_templated_email(
        to=[volunteer.email],
        subject_template="volunteers/interpreting/email/withdrawn_subject.txt",
        body_template="volunteers/interpreting/email/withdrawn.txt",
        context={"assignment": assignment, "volunteer": volunteer},
        language=volunteer.preferred_language or settings.LANGUAGE_CODE,
    )


# --- volunteers take and give back requests ----------------------------------------------------


def _title(item: InterpreterRequest) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Interpreting (%(language)s)") % {"language": language_name(item.language)}
    return f"{title} – {item.place}"[:200] if item.place else title


@transaction.atomic
def take_request(*, pk: int, by) -> Assignment:
    """A volunteer who speaks the language takes a request: first come, first served (the row
    is locked, so of two volunteers taking at once exactly one gets it)."""
    if not by.has_perm("volunteers.interpret"):
        raise PermissionDenied(_("You are not allowed to do this."))
    item = InterpreterRequest.objects.select_for_update().filter(pk=pk).first()
    if item is None or item.status == InterpreterRequestStatus.WITHDRAWN:
        raise ValidationError(
            _("This request has been withdrawn: no interpreter is needed any more."),
            code="withdrawn",
        )
    holder = _holder_assignment(item)
    if holder is not None:
        if holder.volunteer_id == by.pk:
            raise ValidationError(_("You have already taken this request."), code="yours")
        raise ValidationError(
            _("Someone else has just taken this request. Thank you all the same!"), code="taken"
        )
    if item.starts_at <= timezone.now():
        raise ValidationError(_("This appointment has already begun."), code="past")
    if item.language not in spoken_languages(by):
        raise ValidationError(
            _("This request is for a language that is not in your profile."), code="language"
        )
    volunteer = get_user_model().objects.select_for_update().get(pk=by.pk)
    if overlapping_assignments(volunteer, item.starts_at, item.ends_at).exists():
        raise ValidationError(_("You already have an assignment at this time."), code="overlapping")
    assignment = Assignment.objects.create(
        volunteer=volunteer,
        title=_title(item),
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        status=AssignmentStatus.ACCEPTED,
        assigned_by=volunteer,
    )
    item.assignment = assignment
    item.status = InterpreterRequestStatus.TAKEN
    item.save(update_fields=["assignment", "status", "updated_at"])
    counselling_interpreting.interpreter_found(item.reference, volunteer.display_name)
    return assignment


@transaction.atomic
def give_back_request(*, pk: int, by) -> InterpreterRequest:
    """The volunteer cannot come after all: their assignment is cancelled and the request is
    open again for others."""
    item = InterpreterRequest.objects.select_for_update().filter(pk=pk).first()
    holder = _holder_assignment(item) if item is not None else None
    if holder is None or holder.volunteer_id != by.pk:
        raise ValidationError(_("You have not taken this request."), code="not_yours")
    if item.starts_at <= timezone.now():
        raise ValidationError(_("This appointment has already begun."), code="past")
    _release(item, tell=False)
    item.status = InterpreterRequestStatus.OPEN
    item.save(update_fields=["assignment", "status", "updated_at"])
    counselling_interpreting.interpreter_found(item.reference, "")
    return item
