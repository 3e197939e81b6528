from django.http import Http404
from django.urls import path


def _todo(request, **kwargs):
    raise Http404


urlpatterns = [
    path("", _todo, name="index"),
    path("<slug:slug>/book/", _todo, name="book"),
    path("booking/", _todo, name="lookup"),
    path("booking/<str:token>/", _todo, name="booking"),
]
