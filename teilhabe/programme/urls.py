from django.urls import path

from .views import catalogue, feeds, manage, registration

app_name = "programme"

urlpatterns = [
    # public catalogue
    path("", catalogue.programme, name="offer-list"),
    path("week/", catalogue.week, name="week"),
    path("today/", catalogue.today, name="today"),
    path("offers/<slug:slug>/", catalogue.offer_detail, name="offer-detail"),
    # calendar feeds and the printed programme
    path("calendar.ics", feeds.programme_feed, name="feed"),
    path("categories/<slug:slug>/calendar.ics", feeds.category_feed, name="category-feed"),
    path("associations/<slug:slug>/calendar.ics", feeds.association_feed, name="association-feed"),
    path("offers/<slug:slug>/calendar.ics", feeds.offer_feed, name="offer-feed"),
    path("week/programme.pdf", feeds.weekly_pdf, name="week-pdf"),
    # registration
    path("offers/<slug:slug>/register/", registration.register, name="register"),
    path("registrations/<str:token>/", registration.registration_status, name="registration"),
    path("registrations/<str:token>/cancel/", registration.cancel, name="registration-cancel"),
    # hosts
    path("manage/", manage.my_offers, name="manage-offers"),
    path("manage/new/", manage.offer_create, name="offer-create"),
    path("manage/<slug:slug>/", manage.offer_edit, name="offer-edit"),
    path("manage/<slug:slug>/schedule/", manage.offer_schedule, name="offer-schedule"),
    path("manage/<slug:slug>/status/", manage.offer_status, name="offer-status"),
    path("manage/<slug:slug>/participants/", registration.participants, name="participants"),
    path(
        "manage/<slug:slug>/participants.<str:file_format>",
        registration.participants_export,
        name="participants-export",
    ),
]
