"""Engagement: the volunteer's own page and profile, answering assignments, logging hours; for
staff and associations the volunteer list, matching, assigning and confirming hours."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from teilhabe.associations.models import Association
from teilhabe.programme.models import Session

from .. import selectors, services
from ..forms import AssignForm, HoursForm, MatchForm, ProfileForm
from ..models import Assignment, HoursEntry, OpenRole, VolunteerProfile


def _may_manage(user) -> bool:
    return user.has_perm("volunteers.assign")


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@never_cache
@login_required
def my_page(request):
    data = selectors.my_page(request.user)
    data["hours_form"] = HoursForm()
    return render(request, "volunteers/engagement/my_page.html", data)


@never_cache
@login_required
def profile_edit(request):
    profile, _created = VolunteerProfile.objects.get_or_create(user=request.user)
    form = ProfileForm(request.POST if request.method == "POST" else None, profile=profile)
    if form.is_bound and form.is_valid():
        services.update_profile(profile, **form.profile_data())
        answer = form.migration_history_answer()
        if answer != profile.has_migration_history:
            services.set_migration_history(profile, answer)
        messages.success(request, _("Your profile is saved."))
        return redirect("volunteers:my-page")
    return render(request, "volunteers/engagement/profile_form.html", {"form": form})


@require_POST
@login_required
def assignment_respond(request, pk):
    assignment = get_object_or_404(Assignment, pk=pk, volunteer=request.user)
    accept = request.POST.get("answer") == "accept"
    try:
        services.respond(assignment, accept, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Thank you, you accepted.") if accept else _("You declined."))
    return redirect("volunteers:my-page")


@require_POST
@login_required
def hours_log(request):
    form = HoursForm(request.POST)
    if form.is_valid():
        try:
            services.log_hours(
                request.user,
                form.cleaned_data["day"],
                form.cleaned_data["hours"],
                form.cleaned_data["description"],
                form.cleaned_data["association"],
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Your hours are logged and wait for confirmation."))
    else:
        messages.error(request, _("The hours could not be logged: please check the entries."))
    return redirect("volunteers:my-page")


@never_cache
@login_required
def volunteer_list(request):
    if not _may_manage(request.user):
        raise PermissionDenied
    profiles = list(selectors.volunteers_for(request.user))
    return render(request, "volunteers/engagement/volunteer_list.html", {"profiles": profiles})


@never_cache
@login_required
def volunteer_detail(request, user_pk):
    volunteer = get_object_or_404(get_user_model(), pk=user_pk)
    profile = VolunteerProfile.objects.filter(user=volunteer).first()
    if profile is None:
        raise Http404
    if not request.user.has_perm("volunteers.view_profile", profile):
        raise PermissionDenied
    data = selectors.profile_detail(volunteer)
    return render(request, "volunteers/engagement/volunteer_detail.html", data)


def _task_from_request(request, form: MatchForm) -> dict:
    """The task to staff: a session (?session=), an open role (?role=) or the form's values."""
    task = {"session": None, "role": None, "association": None, "title": ""}
    session_id, role_id = request.GET.get("session"), request.GET.get("role")
    if session_id and session_id.isdigit():
        session = Session.objects.select_related("offer").filter(pk=session_id).first()
        if session is None:
            raise Http404
        task.update(
            session=session,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            title=str(session.offer),
            association=session.offer.lead_association,
        )
    if role_id and role_id.isdigit():
        role = OpenRole.objects.select_related("association").filter(pk=role_id).first()
        if role is None:
            raise Http404
        task.update(role=role, association=role.association, title=role.title)
        task.setdefault("languages", role.languages)
        task.setdefault("skills", role.skills)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("languages"):
            task["languages"] = data["languages"]
        if data.get("skills"):
            task["skills"] = data["skills"]
        if data.get("day") and data.get("start") and data.get("end"):
            tz = timezone.get_current_timezone()
            task["starts_at"] = datetime.combine(data["day"], data["start"], tzinfo=tz)
            task["ends_at"] = datetime.combine(data["day"], data["end"], tzinfo=tz)
    return task


@never_cache
@login_required
def match(request):
    if not _may_manage(request.user):
        raise PermissionDenied
    form = MatchForm(request.GET or None)
    task = _task_from_request(request, form)
    matches = None
    if request.GET:
        matches = selectors.match_volunteers(
            languages=task.get("languages") or [],
            skills=task.get("skills") or "",
            starts_at=task.get("starts_at"),
            ends_at=task.get("ends_at"),
            association=task.get("association"),
        )
    return render(
        request,
        "volunteers/engagement/match.html",
        {"form": form, "task": task, "matches": matches},
    )


@require_POST
@login_required
def assign(request):
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The assignment is incomplete."))
        return redirect("volunteers:match")
    data = form.cleaned_data
    volunteer = get_object_or_404(get_user_model(), pk=data["volunteer"])
    session = get_object_or_404(Session, pk=data["session"]) if data.get("session") else None
    role = get_object_or_404(OpenRole, pk=data["role"]) if data.get("role") else None
    association = (
        get_object_or_404(Association, pk=data["association"]) if data.get("association") else None
    )
    try:
        services.assign(
            volunteer,
            session=session,
            role=role,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            title=data.get("title") or "",
            association=association,
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, _("%(name)s has been asked and receives an e-mail.") % {"name": volunteer}
        )
    return redirect(request.POST.get("next") or "volunteers:match")


@never_cache
@login_required
def hours_confirm(request):
    if not _may_manage(request.user):
        raise PermissionDenied
    if request.method == "POST":
        entry = get_object_or_404(HoursEntry, pk=request.POST.get("entry"))
        if request.POST.get("decision") == "confirm":
            services.confirm_hours(entry, by=request.user)
            messages.success(request, _("The hours are confirmed."))
        else:
            services.reject_hours(entry, by=request.user)
            messages.info(request, _("The hours are marked as not confirmed."))
        return redirect("volunteers:hours-confirm")
    entries = list(selectors.hours_to_confirm(request.user))
    return render(request, "volunteers/engagement/hours_confirm.html", {"entries": entries})


urlpatterns = [
    path("me/", my_page, name="my-page"),
    path("me/profile/", profile_edit, name="profile-edit"),
    path("assignments/<int:pk>/respond/", assignment_respond, name="assignment-respond"),
    path("hours/", hours_log, name="hours-log"),
    path("manage/volunteers/", volunteer_list, name="volunteer-list"),
    path("manage/volunteers/<int:user_pk>/", volunteer_detail, name="volunteer-detail"),
    path("manage/match/", match, name="match"),
    path("manage/assign/", assign, name="assign"),
    path("manage/hours/", hours_confirm, name="hours-confirm"),
]
