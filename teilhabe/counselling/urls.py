from .views import desk, public, queue, setup, statistics

app_name = "counselling"

urlpatterns = (
    public.urlpatterns
    + desk.urlpatterns
    + queue.urlpatterns
    + setup.urlpatterns
    + statistics.urlpatterns
)
