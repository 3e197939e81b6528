"""The calendar of funding deadlines (staff: all; an association's admins: their own), the
personal iCalendar feed of staff members, and the count for the home page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from teilhabe.core.ical import calendar_response
from teilhabe.core.recurrence import centre_today

from .. import calendar

FEED_MAX_AGE = 60 * 60


@login_required
@require_safe
def deadlines(request):
    if not calendar.can_see_deadlines(request.user):
        raise PermissionDenied
    today = centre_today()
    items = calendar.deadlines_for(request.user, today=today)
    is_staff = request.user.has_perm("funding.view_all")
    feed_url = (
        request.build_absolute_uri(
            reverse("funding:deadlines-feed", kwargs={"token": calendar.feed_token(request.user)})
        )
        if is_staff
        else ""
    )
    return render(
        request,
        "funding/deadlines/calendar.html",
        {
            "months": calendar.by_month(items),
            "count": len(items),
            "overdue": sum(1 for d in items if d.is_overdue),
            "today": today,
            "is_staff": is_staff,
            "feed_url": feed_url,
        },
    )


@require_safe
def deadlines_feed(request, token):
    user = calendar.user_for_feed(token)
    if user is None:
        raise Http404
    today = centre_today()
    content = calendar.deadlines_calendar(
        calendar.deadlines_for(user, today=today),
        today=today,
        absolute_url=request.build_absolute_uri,
        user=user,
    )
    response = calendar_response(
        request, content, filename="funding-deadlines.ics", max_age=FEED_MAX_AGE
    )
    # Personal: no shared cache may keep it.
    patch_cache_control(response, private=True, max_age=FEED_MAX_AGE)
    return response


@login_required
@require_safe
def home_deadlines(request):
    """The count of the next deadlines for the home page's funding section (HTMX)."""
    if not calendar.can_see_deadlines(request.user):
        raise PermissionDenied
    upcoming, overdue = calendar.upcoming_count(request.user, today=centre_today())
    return render(
        request,
        "funding/_home_deadlines.html",
        {"upcoming": upcoming, "overdue": overdue, "days": 30},
    )


urlpatterns = [
    path("deadlines/", deadlines, name="deadlines"),
    path("deadlines/<str:token>.ics", deadlines_feed, name="deadlines-feed"),
    path("deadlines/home/", home_deadlines, name="home-deadlines"),
]
