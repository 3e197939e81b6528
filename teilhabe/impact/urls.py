from .views import attendance, dashboard, reports

app_name = "impact"

urlpatterns = attendance.urlpatterns + dashboard.urlpatterns + reports.urlpatterns
