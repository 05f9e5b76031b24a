from django.urls import path

from cartpath.screening import views

app_name = "screening"
urlpatterns = [
    path("<str:case_id>/prescreen/", views.case_prescreen, name="case"),
    path("<str:case_id>/prescreen/run/", views.run, name="run"),
    path("<str:case_id>/prescreen/request/", views.request_document, name="request_document"),
]
