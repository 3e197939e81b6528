"""Work in progress."""

urlpatterns: list = []
