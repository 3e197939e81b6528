"""API views by area; each module exports `urlpatterns` (mounted under /api/v1/)."""
