"""Work in progress: each view answers 404 until it is built."""

from django.http import Http404


def my_offers(request, *args, **kwargs):
    raise Http404


def offer_create(request, *args, **kwargs):
    raise Http404


def offer_edit(request, *args, **kwargs):
    raise Http404


def offer_schedule(request, *args, **kwargs):
    raise Http404


def offer_status(request, *args, **kwargs):
    raise Http404
