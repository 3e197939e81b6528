"""Sample logins for the roles that are not tied to an association."""

from .models import Role, User

SAMPLE_USERS = [
    ("administrator", "admin@haus-der-vielfalt.example", "Alex Admin", Role.ADMINISTRATOR, "de"),
    ("staff", "petra.lange@haus-der-vielfalt.example", "Petra Lange", Role.STAFF, "de"),
    ("staff", "yusuf.demir@haus-der-vielfalt.example", "Yusuf Demir", Role.STAFF, "de"),
    ("counsellor", "mbe@haus-der-vielfalt.example", "Miriam Haddad", Role.COUNSELLOR, "de"),
    ("participant", "teilnehmer@haus-der-vielfalt.example", "Olena Koval", Role.PARTICIPANT, "uk"),
]


def ensure_user(*, email, display_name, role, language, password) -> User:
    """Create a sample user once; a second run leaves an existing one as it is."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=password,
            display_name=display_name,
            role=role,
            preferred_language=language,
        )
    return user


def build(context) -> None:
    for label, email, name, role, language in SAMPLE_USERS:
        ensure_user(
            email=email,
            display_name=name,
            role=role,
            language=language,
            password=context.password,
        )
        if label != "staff" or not any(r == "staff" for r, _e in context.logins):
            context.add_login(label, email)
