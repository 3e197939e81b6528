"""The API: /api/v1/… (versioned in the path), the OpenAPI schema at /api/schema/, its
documentation at /api/docs/ (Swagger UI) and /api/redoc/. The page for one's API token lives
among the language-prefixed pages (page_urls.py)."""

from django.urls import include, re_path

from .views import counselling, docs, network, programme, rooms, volunteering

app_name = "api"

v1 = [
    *counselling.urlpatterns,
    *programme.urlpatterns,
    *rooms.urlpatterns,
    *volunteering.urlpatterns,
    *network.urlpatterns,
]

urlpatterns = [
    *docs.urlpatterns,
    re_path(r"^(?P<version>v1)/", include(v1)),
]
