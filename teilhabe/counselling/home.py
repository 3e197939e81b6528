"""The counselling part of the home page: a short teaser for everyone and, for counsellors,
"Today at your desk" (loaded into the page by HTMX from `counselling:home-today`, because the
home page's sections are the same for everyone)."""

from django.urls import NoReverseMatch, reverse


def desk_url(service=None) -> str | None:
    """The desk page of a service, or the desk overview; None while there is none."""
    if service is not None:
        try:
            return reverse("counselling:desk-service", kwargs={"slug": service.slug})
        except NoReverseMatch:
            pass
    try:
        return reverse("counselling:desk")
    except NoReverseMatch:
        return None


def section_context() -> dict:
    return {"desk_url": desk_url()}


def register() -> None:
    from teilhabe.core.home import register_home_section

    register_home_section(
        order=30, template="counselling/_home_section.html", context=section_context
    )
