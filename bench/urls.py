"""The project's URLs plus the baseline: a bare Django view behind the same middleware."""

from django.http import HttpResponse
from django.urls import path

from teilhabe.urls import urlpatterns as project_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare, name="bench-bare"), *project_urlpatterns]
