"""The API: /api/v1/… (versioned in the path), the OpenAPI schema at /api/schema/, its
documentation at /api/docs/ (Swagger UI) and /api/redoc/."""

from django.urls import include, re_path

from .views import counselling, docs

app_name = "api"

v1 = [*counselling.urlpatterns]

urlpatterns = [
    *docs.urlpatterns,
    re_path(r"^(?P<version>v1)/", include(v1)),
]
