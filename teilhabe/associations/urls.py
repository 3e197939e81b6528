from django.urls import path

from . import views

app_name = "associations"

urlpatterns = [
    path("", views.association_list, name="association-list"),
    path("agreement/", views.agreement, name="agreement"),
    path("agreement/sign/", views.agreement_sign, name="agreement-sign"),
    path("agreement/new-version/", views.agreement_publish, name="agreement-publish"),
    path("agreement/signatures/", views.signature_overview, name="signature-overview"),
    path("<slug:slug>/", views.association_detail, name="association-detail"),
    path("<slug:slug>/edit/", views.association_edit, name="association-edit"),
]
