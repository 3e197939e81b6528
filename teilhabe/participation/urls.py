from .views import pages

app_name = "participation"

urlpatterns = pages.urlpatterns
