from .views import pages

app_name = "network"

urlpatterns = pages.urlpatterns
