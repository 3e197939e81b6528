"""The API's page among the language-prefixed pages: mounted by the root URLconf inside
i18n_patterns as `path("api/", include("teilhabe.api.page_urls"))` → /<lang>/api/token/."""

from .views import token

app_name = "api_pages"

urlpatterns = [*token.urlpatterns]
