from django.contrib import sitemaps

from . import selectors


class OfferSitemap(sitemaps.Sitemap):
    """The page of every published offer, in every language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        # A stable order: the sitemap is paginated, and titles are not unique.
        return selectors.published_offers().order_by("pk")

    def lastmod(self, offer):
        return offer.updated_at
