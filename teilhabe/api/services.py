"""Writes of the API app itself: a person's API token (rest_framework.authtoken), for the
association admins and staff who may write through the API."""

from django.db import transaction
from rest_framework.authtoken.models import Token

from teilhabe.core.permissions import ensure_allowed


@transaction.atomic
def create_token(*, by) -> Token:
    """A new token for the person (any old one stops working)."""
    ensure_allowed(by, "rooms.use_booking")
    Token.objects.filter(user=by).delete()
    return Token.objects.create(user=by)


@transaction.atomic
def revoke_token(*, by) -> None:
    Token.objects.filter(user=by).delete()
