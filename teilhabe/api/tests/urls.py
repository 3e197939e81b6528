"""The project's URLs plus the API's language-prefixed page, as the root URLconf mounts it."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from teilhabe.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    *i18n_patterns(path("api/", include("teilhabe.api.page_urls")), prefix_default_language=True),
]
