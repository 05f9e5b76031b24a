from django.urls import path

from cartpath.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.new_case, name="new"),
    path("<str:case_id>/", views.detail, name="detail"),
    path("<str:case_id>/timeline/", views.timeline, name="timeline"),
    path("<str:case_id>/status/", views.change_status, name="status"),
    path("<str:case_id>/assign/", views.assign, name="assign"),
    path("<str:case_id>/tasks/", views.add_task, name="add_task"),
    path("<str:case_id>/tasks/<str:task_id>/", views.task_state, name="task_state"),
    path("<str:case_id>/notes/", views.add_note, name="add_note"),
]
