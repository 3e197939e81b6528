from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.static import serve

from teilhabe.associations.sitemaps import AssociationSitemap
from teilhabe.core.sitemaps import sitemap_of
from teilhabe.core.views import healthz, metrics, readyz
from teilhabe.programme.sitemaps import OfferSitemap

sitemaps = {
    "pages": sitemap_of(
        pages=[
            "core:home",
            "programme:offer-list",
            "programme:week",
            "programme:today",
            "associations:association-list",
            "associations:agreement",
        ],
        priority=0.8,
    ),
    "associations": AssociationSitemap,
    "offers": OfferSitemap,
}

handler500 = "teilhabe.core.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    path("api/", include("teilhabe.api.urls")),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": sitemaps}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", include("teilhabe.core.urls")),
    path("account/", include("teilhabe.accounts.urls")),
    path("associations/", include("teilhabe.associations.urls")),
    path("programme/", include("teilhabe.programme.urls")),
    path("rooms/", include("teilhabe.rooms.urls")),
    path("counselling/", include("teilhabe.counselling.urls")),
    path("volunteering/", include("teilhabe.volunteers.urls")),
    path("funding/", include("teilhabe.funding.urls")),
    path("impact/", include("teilhabe.impact.urls")),
    path("network/", include("teilhabe.network.urls")),
    path("ideas/", include("teilhabe.participation.urls")),
    path("api/", include("teilhabe.api.page_urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG or settings.TESTING:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
