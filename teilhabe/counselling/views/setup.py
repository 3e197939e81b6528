"""The staff set-up of counselling: services with their texts, topics, counsellors and office
hours. Centre staff only (`counselling.manage_services`); none of these pages shows an
appointment. Also the small home-page fragment a counsellor sees ("Today at your desk")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from teilhabe.accounts.models import Role

from .. import selectors, services
from ..home import desk_url
from ..models import Counsellor, OfficeHours, Service, Topic
from ..setup_forms import CounsellorForm, OfficeHoursForm, ServiceForm, TopicForm


def _check_may_manage(user) -> None:
    if not user.has_perm("counselling.manage_services"):
        raise PermissionDenied


def _service(slug: str) -> Service:
    return get_object_or_404(Service.objects.prefetch_related("topics"), slug=slug)


def _save(form, save, **kwargs) -> bool:
    """Call the service; its ValidationError goes to the form, which keeps what was typed."""
    try:
        save(**kwargs)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


# --- services ---------------------------------------------------------------------------------


@login_required
def setup(request):
    _check_may_manage(request.user)
    service_list = list(selectors.services_for_setup())
    for service in service_list:
        for hours in service.office_hours.all():
            hours.weekday_names = ", ".join(str(WEEKDAYS_ABBR[day]) for day in hours.weekdays)
    return render(request, "counselling/setup/service_list.html", {"services": service_list})


@login_required
@never_cache
def service_form(request, slug=None):
    _check_may_manage(request.user)
    service = _service(slug) if slug else Service()
    form = ServiceForm(request.POST or None, instance=service)
    if (
        form.is_bound
        and form.is_valid()
        and _save(form, services.save_service, service=form.instance, by=request.user)
    ):
        messages.success(request, _("The service has been saved."))
        return redirect("counselling:setup")
    return render(
        request,
        "counselling/setup/service_form.html",
        {"form": form, "service": service if service.pk else None},
    )


# --- topics -----------------------------------------------------------------------------------


def _topic_page(request, service, form, status=200):
    return render(
        request,
        "counselling/setup/topics.html",
        {"service": service, "topics": service.topics.all(), "form": form},
        status=status,
    )


@login_required
@never_cache
def topic_list(request, slug):
    _check_may_manage(request.user)
    service = _service(slug)
    form = TopicForm(request.POST or None, service=service)
    if (
        form.is_bound
        and form.is_valid()
        and _save(form, services.save_topic, topic=form.instance, by=request.user)
    ):
        messages.success(request, _("The topic has been added."))
        return redirect("counselling:topic-list", slug=service.slug)
    return _topic_page(request, service, form)


@login_required
@never_cache
def topic_edit(request, pk):
    _check_may_manage(request.user)
    topic = get_object_or_404(Topic.objects.select_related("service"), pk=pk)
    form = TopicForm(request.POST or None, instance=topic, service=topic.service)
    if (
        form.is_bound
        and form.is_valid()
        and _save(form, services.save_topic, topic=form.instance, by=request.user)
    ):
        messages.success(request, _("The topic has been renamed."))
        return redirect("counselling:topic-list", slug=topic.service.slug)
    return render(request, "counselling/setup/topic_form.html", {"form": form, "topic": topic})


@login_required
@require_POST
def topic_move(request, pk):
    _check_may_manage(request.user)
    topic = get_object_or_404(Topic.objects.select_related("service"), pk=pk)
    services.move_topic(topic=topic, up=request.POST.get("direction") == "up", by=request.user)
    return redirect("counselling:topic-list", slug=topic.service.slug)


@login_required
@never_cache
def topic_delete(request, pk):
    _check_may_manage(request.user)
    topic = get_object_or_404(Topic.objects.select_related("service"), pk=pk)
    error = None
    if request.method == "POST":
        try:
            services.delete_topic(topic=topic, by=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("The topic has been deleted."))
            return redirect("counselling:topic-list", slug=topic.service.slug)
    return render(
        request,
        "counselling/setup/topic_delete.html",
        {"topic": topic, "error": error},
        status=400 if error else 200,
    )


# --- counsellors ------------------------------------------------------------------------------


@login_required
@never_cache
def counsellor_list(request, slug):
    _check_may_manage(request.user)
    service = _service(slug)
    counsellors = (
        Counsellor.objects.filter(service=service)
        .select_related("user")
        .order_by("-is_active", "user__display_name")
    )
    return render(
        request,
        "counselling/setup/counsellors.html",
        {"service": service, "counsellors": counsellors},
    )


@login_required
@never_cache
def counsellor_form(request, slug=None, pk=None):
    _check_may_manage(request.user)
    if pk is not None:
        counsellor = get_object_or_404(Counsellor.objects.select_related("service", "user"), pk=pk)
        service = counsellor.service
    else:
        service = _service(slug)
        counsellor = Counsellor(service=service)
    form = CounsellorForm(request.POST or None, instance=counsellor, service=service)
    if (
        form.is_bound
        and form.is_valid()
        and _save(form, services.save_counsellor, counsellor=form.instance, by=request.user)
    ):
        messages.success(request, _("The counsellor has been saved."))
        return redirect("counselling:counsellor-list", slug=service.slug)
    return render(
        request,
        "counselling/setup/counsellor_form.html",
        {
            "form": form,
            "service": service,
            "counsellor": counsellor if counsellor.pk else None,
        },
    )


# --- office hours -----------------------------------------------------------------------------


@login_required
@never_cache
def office_hours_form(request, slug=None, pk=None):
    _check_may_manage(request.user)
    if pk is not None:
        hours = get_object_or_404(OfficeHours.objects.select_related("service"), pk=pk)
        service = hours.service
    else:
        service = _service(slug)
        hours = OfficeHours(service=service)
    form = OfficeHoursForm(request.POST or None, instance=hours, service=service)
    if form.is_bound and form.is_valid():
        saved = _save(
            form,
            services.save_office_hours,
            office_hours=form.instance,
            counsellors=list(form.cleaned_data["counsellors"]),
            by=request.user,
        )
        if saved:
            messages.success(request, _("The office hours have been saved."))
            return redirect("counselling:setup")
    return render(
        request,
        "counselling/setup/office_hours_form.html",
        {"form": form, "service": service, "office_hours": hours if hours.pk else None},
    )


# --- the home page: today at a counsellor's desk ------------------------------------------------


@login_required
@never_cache
def home_today(request):
    """The counsellor's part of the home page, loaded into it (the home page itself is the
    same for everyone)."""
    if request.user.role != Role.COUNSELLOR:
        raise PermissionDenied
    return render(
        request,
        "counselling/_home_today.html",
        {
            "desks": [
                {"service": service, "count": count, "url": desk_url(service)}
                for service, count in selectors.todays_appointments_by_service(request.user)
            ]
        },
    )


urlpatterns = [
    path("setup/", setup, name="setup"),
    path("setup/new/", service_form, name="service-create"),
    path("setup/<slug:slug>/edit/", service_form, name="service-edit"),
    path("setup/<slug:slug>/topics/", topic_list, name="topic-list"),
    path("setup/topics/<int:pk>/edit/", topic_edit, name="topic-edit"),
    path("setup/topics/<int:pk>/move/", topic_move, name="topic-move"),
    path("setup/topics/<int:pk>/delete/", topic_delete, name="topic-delete"),
    path("setup/<slug:slug>/counsellors/", counsellor_list, name="counsellor-list"),
    path("setup/<slug:slug>/counsellors/new/", counsellor_form, name="counsellor-create"),
    path("setup/counsellors/<int:pk>/edit/", counsellor_form, name="counsellor-edit"),
    path("setup/<slug:slug>/office-hours/new/", office_hours_form, name="office-hours-create"),
    path("setup/office-hours/<int:pk>/edit/", office_hours_form, name="office-hours-edit"),
    path("today/", home_today, name="home-today"),
]
