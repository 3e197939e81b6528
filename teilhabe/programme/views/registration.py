"""Work in progress: each view answers 404 until it is built."""

from django.http import Http404


def register(request, *args, **kwargs):
    raise Http404


def registration_status(request, *args, **kwargs):
    raise Http404


def cancel(request, *args, **kwargs):
    raise Http404


def participants(request, *args, **kwargs):
    raise Http404


def participants_export(request, *args, **kwargs):
    raise Http404
