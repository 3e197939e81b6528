import rules

from .models import CENTRE_STAFF_ROLES, Role


@rules.predicate
def is_centre_staff(user):
    return user.is_authenticated and user.is_active and user.role in CENTRE_STAFF_ROLES


@rules.predicate
def is_administrator(user):
    return user.is_authenticated and user.is_active and user.role == Role.ADMINISTRATOR


@rules.predicate
def is_counsellor(user):
    return user.is_authenticated and user.is_active and user.role == Role.COUNSELLOR


@rules.predicate
def is_volunteer(user):
    return user.is_authenticated and user.is_active and user.role == Role.VOLUNTEER


rules.add_perm("accounts.manage_users", is_administrator)
rules.add_perm("accounts.view_audit_trail", is_administrator)
