from django.contrib import sitemaps
from django.urls import reverse


class StaticPagesSitemap(sitemaps.Sitemap):
    """Public pages that are not objects: one entry per page and language, with hreflang
    alternates for the other six."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"
    pages: list[str] = []

    def items(self):
        return self.pages

    def location(self, item):
        return reverse(item)


def sitemap_of(*, pages: list[str], priority: float = 0.5) -> type[StaticPagesSitemap]:
    return type("PagesSitemap", (StaticPagesSitemap,), {"pages": pages, "priority": priority})
