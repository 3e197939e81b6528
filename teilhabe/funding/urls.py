from .views import advice, applications, deadlines, picture, programmes

app_name = "funding"

urlpatterns = (
    programmes.urlpatterns
    + applications.urlpatterns
    + deadlines.urlpatterns
    + advice.urlpatterns
    + picture.urlpatterns
)
