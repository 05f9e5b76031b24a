from django.urls import path

from cartpath.trials import views

app_name = "trials"
urlpatterns = [
    path("", views.search, name="search"),
    path("case/<str:case_id>/", views.case_trials, name="case"),
    path("case/<str:case_id>/shortlist/", views.add_to_shortlist, name="shortlist_add"),
    path("case/<str:case_id>/shortlist/<str:entry_id>/remove/", views.remove_from_shortlist,
         name="shortlist_remove"),
    path("case/<str:case_id>/for-family/", views.family_shortlist, name="family"),
    path("case/<str:case_id>/<str:nct_id>/", views.trial_for_case, name="trial"),
]
