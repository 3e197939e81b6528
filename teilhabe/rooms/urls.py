from .views import booking, grid, planner

app_name = "rooms"

urlpatterns = [*grid.urlpatterns, *booking.urlpatterns, *planner.urlpatterns]
