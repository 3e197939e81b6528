"""Object permissions of volunteering. Each part of the app adds its predicates and perms in
its own section below."""

import rules

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.models import MembershipRole
from teilhabe.rooms.rules import administers_any_association

# --- open roles and offers to help ------------------------------------------------------------


def _administers(user, association_id) -> bool:
    if not user.is_authenticated or association_id is None:
        return False
    return user.memberships.filter(
        role=MembershipRole.ADMIN, association_id=association_id
    ).exists()


@rules.predicate
def administers_role_association(user, role):
    return role is not None and _administers(user, role.association_id)


@rules.predicate
def administers_application_association(user, application):
    """Only for applications to a role of an association; general ones are for staff."""
    if application is None or application.role_id is None:
        return False
    return _administers(user, application.role.association_id)


rules.add_perm("volunteers.add_role", is_centre_staff | administers_any_association)
rules.add_perm("volunteers.manage_role", is_centre_staff | administers_role_association)
rules.add_perm(
    "volunteers.decide_application", is_centre_staff | administers_application_association
)


# --- trainings --------------------------------------------------------------------------------


@rules.predicate
def organises_training(user, training):
    return (
        user.is_authenticated
        and training is not None
        and training.organiser_id is not None
        and training.organiser_id == user.pk
    )


@rules.predicate
def is_volunteer_role(user):
    from teilhabe.accounts.models import Role

    return user.is_authenticated and user.is_active and user.role == Role.VOLUNTEER


rules.add_perm("volunteers.manage_training", is_centre_staff | organises_training)
rules.add_perm("volunteers.enrol", is_volunteer_role | is_centre_staff)
rules.add_perm("volunteers.take_attendance", is_centre_staff | organises_training)


# --- engagement -------------------------------------------------------------------------------


def _administers_engagement(user, association_id) -> bool:
    if not user.is_authenticated or association_id is None:
        return False
    return user.memberships.filter(
        role=MembershipRole.ADMIN, association_id=association_id
    ).exists()


@rules.predicate
def is_the_volunteer(user, profile):
    """profile: a VolunteerProfile or the volunteer's user."""
    if not user.is_authenticated or profile is None:
        return False
    return getattr(profile, "user_id", getattr(profile, "pk", None)) == user.pk


@rules.predicate
def administers_a_volunteers_association(user, profile):
    if not user.is_authenticated or profile is None:
        return False
    from .models import VolunteerProfile

    if not isinstance(profile, VolunteerProfile):
        profile = VolunteerProfile.objects.filter(user=profile).first()
        if profile is None:
            return False
    return user.memberships.filter(
        role=MembershipRole.ADMIN, association__volunteers=profile
    ).exists()


@rules.predicate
def administers_assignment_association(user, association):
    """With an association: its admins; without one: an admin of any association."""
    if association is None:
        return administers_any_association(user)
    return _administers_engagement(user, association.pk)


@rules.predicate
def administers_hours_association(user, entry):
    return entry is not None and _administers_engagement(user, entry.association_id)


rules.add_perm(
    "volunteers.view_profile",
    is_the_volunteer | is_centre_staff | administers_a_volunteers_association,
)
rules.add_perm("volunteers.assign", is_centre_staff | administers_assignment_association)
rules.add_perm("volunteers.confirm_hours", is_centre_staff | administers_hours_association)


# --- translation help -------------------------------------------------------------------------


@rules.predicate
def is_translating_volunteer(user):
    from teilhabe.accounts.models import Role

    return user.is_authenticated and user.is_active and user.role == Role.VOLUNTEER


@rules.predicate
def administers_translated_text_owner(user, suggestion):
    """With a suggestion: admins of the association that owns its text. Without one (may
    this person open the review page at all?): admins of any association."""
    if suggestion is None:
        return administers_any_association(user)
    from .translation_services import may_review

    return may_review(user, suggestion)


rules.add_perm("volunteers.translate", is_translating_volunteer | is_centre_staff)
rules.add_perm("volunteers.review_translation", is_centre_staff | administers_translated_text_owner)
