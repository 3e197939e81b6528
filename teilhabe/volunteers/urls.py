from .views import engagement, interpreting, roles, trainings, translations

app_name = "volunteers"

urlpatterns = [
    *roles.urlpatterns,
    *engagement.urlpatterns,
    *trainings.urlpatterns,
    *translations.urlpatterns,
    *interpreting.urlpatterns,
]
