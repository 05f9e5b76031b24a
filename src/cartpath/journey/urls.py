from django.urls import path

from cartpath.journey import views

app_name = "journey"
urlpatterns = [
    path("", views.board, name="board"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/<str:alert_id>/", views.alert, name="alert"),
    path("alerts/<str:alert_id>/ack", views.acknowledge, name="alert_ack"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("cases/<str:case_id>/", views.case, name="case"),
    path("cases/<str:case_id>/create", views.create, name="create"),
    path("cases/<str:case_id>/step", views.transition, name="transition"),
    path("cases/<str:case_id>/replan", views.replan, name="replan"),
    path("cases/<str:case_id>/stay", views.stay, name="stay"),
    path("cases/<str:case_id>/costs", views.add_cost, name="add_cost"),
    path("cases/<str:case_id>/calendar", views.calendar_link, name="calendar_link"),
    path("cases/<str:case_id>/monitoring/", views.monitoring, name="case_monitoring"),
    path("cases/<str:case_id>/monitoring/assessment", views.assessment, name="assessment"),
    path("cases/<str:case_id>/monitoring/blood-count", views.blood_count, name="blood_count"),
    path("family/<str:case_id>/", views.family, name="family"),
    path("family/<str:case_id>/diary/", views.diary, name="diary"),
]
