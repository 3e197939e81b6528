"""Work in progress: each view answers 404 until it is built."""

from django.http import Http404


def programme(request, *args, **kwargs):
    raise Http404


def week(request, *args, **kwargs):
    raise Http404


def today(request, *args, **kwargs):
    raise Http404


def offer_detail(request, *args, **kwargs):
    raise Http404
