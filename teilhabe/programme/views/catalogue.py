"""The public catalogue: the programme with filters, the week, today, and each offer."""

from datetime import date, timedelta

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from teilhabe.core.cache import cache_public_page
from teilhabe.core.languages import language_name
from teilhabe.core.recurrence import centre_today

from .. import selectors
from ..catalogue_forms import CatalogueFilterForm
from ..models import Offer
from ..pages import offer_sections
from ..weeks import requested_week

OFFERS_PER_PAGE = 20


@cache_public_page(params=(*CatalogueFilterForm.base_fields, "page"))
def programme(request):
    form = CatalogueFilterForm(
        request.GET or None,
        categories=selectors.categories(),
        languages_in_use=selectors.languages_in_use(),
    )
    filters = form.filters()
    offers = selectors.offers_for_catalogue(filters, get_language())
    page = Paginator(offers, OFFERS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "query_string": query.urlencode(),
        "is_filtered": bool(request.GET.get("q") or len(query)),
    }
    if request.htmx and request.htmx.target == "results":
        return render(request, "programme/catalogue/_results.html", context)
    return render(request, "programme/catalogue/offer_list.html", context)


def _days_with_sessions(first: date, last: date, sessions) -> list[dict]:
    days = {first + timedelta(days=n): [] for n in range((last - first).days + 1)}
    for session in sessions:
        days.setdefault(session.local_day, []).append(session)
    return [{"day": day, "sessions": items} for day, items in days.items()]


@cache_public_page(params=("week", "category"))
def week(request):
    monday = requested_week(request.GET.get("week"))
    sunday = monday + timedelta(days=6)
    categories = list(selectors.categories())
    category = request.GET.get("category", "")
    if category not in {item.slug for item in categories}:
        category = ""
    sessions = selectors.sessions_between(monday, sunday, category=category)
    return render(
        request,
        "programme/catalogue/week.html",
        {
            "monday": monday,
            "sunday": sunday,
            "previous_week": monday - timedelta(days=7),
            "next_week": monday + timedelta(days=7),
            "is_this_week": monday == selectors.this_week()[0],
            "days": _days_with_sessions(monday, sunday, sessions),
            "categories": categories,
            "category": category,
        },
    )


@cache_public_page
def today(request):
    day = centre_today()
    sessions = selectors.sessions_between(day, day)
    return render(request, "programme/catalogue/today.html", {"day": day, "sessions": sessions})


@cache_public_page
def offer_detail(request, slug):
    try:
        offer = selectors.offer_for_page(slug)
    except Offer.DoesNotExist:
        raise Http404(_("There is no such offer in the programme.")) from None
    return render(
        request,
        "programme/catalogue/offer_detail.html",
        {
            "offer": offer,
            "language_names": [language_name(code) for code in offer.languages],
            "hosts": [offer.lead_association, *offer.co_hosts.all()],
            "sections": offer_sections(offer),
        },
    )
