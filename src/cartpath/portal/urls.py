from django.urls import path

from cartpath.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("start/<int:number>/", views.step, name="step"),
    path("start/result/", views.result, name="result"),
    path("caregivers/invite/", views.invite, name="invite"),
    path("caregivers/<int:invitation_id>/revoke/", views.revoke, name="revoke"),
    path("cases/<str:case_id>/requests/<str:request_id>/sent/", views.document_sent,
         name="document_sent"),
    path("cases/<str:case_id>/requests/new/", views.request_document, name="request_document"),
    path("cases/<str:case_id>/report/", views.report, name="report"),
    path("cases/<str:case_id>/report.pdf", views.report_pdf, name="report_pdf"),
]
