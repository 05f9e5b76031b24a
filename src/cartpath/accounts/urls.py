from django.urls import path

from cartpath.accounts import views

urlpatterns = [
    path("caregiver/<str:token>/", views.accept_caregiver, name="accept_caregiver"),
]
