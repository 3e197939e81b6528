"""Work in progress: each view answers 404 until it is built."""

from django.http import Http404


def programme_feed(request, *args, **kwargs):
    raise Http404


def category_feed(request, *args, **kwargs):
    raise Http404


def association_feed(request, *args, **kwargs):
    raise Http404


def offer_feed(request, *args, **kwargs):
    raise Http404


def weekly_pdf(request, *args, **kwargs):
    raise Http404
