from django.urls import path

from cartpath.vault import views

app_name = "vault"
urlpatterns = [
    path("<str:case_id>/records/", views.case_documents, name="case_documents"),
    path("<str:case_id>/records/upload/", views.upload, name="upload"),
    path("<str:case_id>/records/progress/", views.progress, name="progress"),
    path("<str:case_id>/records/<str:document_id>/", views.document, name="document"),
    path("<str:case_id>/records/<str:document_id>/download/", views.download, name="download"),
    path("<str:case_id>/records/<str:document_id>/pages/<int:number>.png", views.page_image,
         name="page_image"),
    path("<str:case_id>/records/<str:document_id>/reprocess/", views.reprocess,
         name="reprocess"),
    path("<str:case_id>/facts/", views.case_facts, name="case_facts"),
    path("<str:case_id>/facts/add/", views.add_fact, name="add_fact"),
    path("<str:case_id>/facts/<str:fact_id>/review/", views.review_fact, name="review_fact"),
]
