from django.contrib import sitemaps

from . import selectors


class AssociationSitemap(sitemaps.Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return selectors.public_associations()

    def lastmod(self, association):
        return association.updated_at
