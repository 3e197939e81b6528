"""The funding part of the home page: for association admins and staff, links to the
programme search, the applications and the deadlines, and the count of the next deadlines
(loaded by HTMX from `funding:home-deadlines`, because the home page's sections are the same
for everyone)."""


def section_context() -> dict:
    return {}


def register() -> None:
    from teilhabe.core.home import register_home_section

    register_home_section(order=45, template="funding/_home_section.html", context=section_context)
