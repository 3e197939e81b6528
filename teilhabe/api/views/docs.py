"""The OpenAPI schema and its documentation pages. Swagger UI and ReDoc come from the vendored
sidecar package and load nothing from another host; their pages carry no inline script or
style, so that the strict Content-Security-Policy holds (Swagger UI's start script is served as
a file of its own by the split view). They live outside /api/v1/, hence without versioning;
the schema describes v1."""

from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(api_version="v1", versioning_class=None),
        name="schema",
    ),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html", versioning_class=None
        ),
        name="docs",
    ),
    path(
        "redoc/",
        SpectacularRedocView.as_view(
            url_name="api:schema", template_name="api/redoc.html", versioning_class=None
        ),
        name="redoc",
    ),
]
