"""API permissions: the same object rules (`rules`) as the web pages."""

from rest_framework.permissions import BasePermission


class HasObjectRule(BasePermission):
    """The view's `object_rule` (a rules permission such as "counselling.use_desk") on the
    object the view checks with `check_object_permissions` — a counselling service."""

    def has_permission(self, request, view):
        return True

    def has_object_permission(self, request, view, obj):
        return request.user.has_perm(view.object_rule, obj)
