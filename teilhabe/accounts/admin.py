from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import User


class EmailInLowerCaseMixin:
    """Addresses are stored in lower case and are unique whatever their case, as in
    `services.create_user`; the database's unique constraint alone is case-sensitive."""

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise self.instance.unique_error_message(User, ["email"])
        return email


class UserCreationAdminForm(EmailInLowerCaseMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "display_name", "role")


class UserChangeAdminForm(EmailInLowerCaseMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreationAdminForm
    form = UserChangeAdminForm
    ordering = ("display_name",)
    list_display = ("display_name", "email", "role", "is_active", "last_login")
    list_filter = ("role", "is_active", "preferred_language")
    search_fields = ("display_name", "email")
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("display_name", "preferred_language")}),
        (_("Role"), {"fields": ("role", "is_active", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "display_name", "role", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ()
