from __future__ import annotations

from django.urls import reverse

from cartpath.audit.models import AuditEvent
from cartpath.vault.models import Document, Fact
from tests.vault import builders


def test_a_patient_uploads_a_report_from_the_portal_and_it_is_read(world, upload_as):
    response = upload_as(world.alice, world.alice_case, ("pathology.pdf", builders.text_pdf()))
    assert response.status_code == 302
    document = Document.objects.get(case=world.alice_case)
    assert document.status == Document.Status.READY
    assert document.uploaded_by == world.alice
    assert document.page_count == 1 and document.kind == "pdf"
    assert document.document_type == "pathology"
    assert Fact.objects.filter(document=document, field="age_years", value=55).exists()
    assert world.alice_case.events.filter(kind="document", family_visible=True).exists()


def test_a_caregiver_uploads_several_files_in_one_go(world, upload_as):
    response = upload_as(world.carol, world.alice_case, ("a.pdf", builders.text_pdf()),
                         ("note.txt", b"Consult note. ECOG performance status 1.\n"),
                         ("scan.png", builders.png()), json=True)
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["accepted", "accepted", "accepted"]
    assert world.alice_case.documents.filter(status="ready").count() == 3


def test_a_navigator_uploads_a_docx_from_the_workspace(world, upload_as):
    data = builders.docx(["Discharge summary", "Hospital course: uneventful."])
    response = upload_as(world.nina, world.alice_case, ("letter.docx", data), json=True)
    assert response.json()["results"][0]["status"] == "accepted"
    assert world.alice_case.documents.get().uploaded_by == world.nina


def test_the_api_accepts_uploads_and_reports_each_file(world, login, committed):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.nina)
    url = f"/api/documents/cases/{world.alice_case.public_id}"
    with committed():
        response = client.post(url, {"files": [
            SimpleUploadedFile("r.pdf", builders.text_pdf()),
            SimpleUploadedFile("r.html", builders.html_as_pdf())]})
    assert response.status_code == 200, response.content
    assert [r["status"] for r in response.json()] == ["accepted", "refused"]
    listed = client.get(url).json()
    assert {d["status"] for d in listed} == {"ready", "refused"}


def test_the_same_file_twice_is_recognised_as_a_duplicate_and_kept_once(world, upload_as):
    pdf = builders.text_pdf()
    upload_as(world.alice, world.alice_case, ("report.pdf", pdf))
    response = upload_as(world.alice, world.alice_case, ("report (1).pdf", pdf), json=True)
    result = response.json()["results"][0]
    assert result["status"] == "duplicate"
    assert "one copy is kept" in result["message"]
    stored = world.alice_case.documents.exclude(blob_name="")
    assert stored.count() == 1
    duplicate = world.alice_case.documents.get(status="duplicate")
    assert duplicate.duplicate_of == stored.get() and duplicate.blob_name == ""


def test_the_same_file_in_another_case_is_not_a_duplicate(world, upload_as):
    pdf = builders.text_pdf()
    upload_as(world.alice, world.alice_case, ("report.pdf", pdf))
    result = upload_as(world.bob, world.bob_case, ("report.pdf", pdf), json=True).json()
    assert result["results"][0]["status"] == "accepted"


def test_the_page_without_javascript_reports_each_file_in_messages(world, upload_as):
    response = upload_as(world.alice, world.alice_case, ("ok.pdf", builders.text_pdf()),
                         ("bad.pdf", builders.encrypted_pdf()))
    page = response.client.get(response["Location"])
    text = page.content.decode()
    assert "ok.pdf: Received" in text
    assert "password-protected" in text


def test_every_upload_is_audited(world, upload_as):
    upload_as(world.alice, world.alice_case, ("report.pdf", builders.text_pdf()))
    assert AuditEvent.objects.filter(action="create", object_type="vault.Document",
                                     case_ref=world.alice_case.public_id).exists()


def test_the_upload_page_shows_a_plain_multi_file_form(world, login):
    response = login(world.alice).get(reverse("vault:upload", args=[world.alice_case.public_id]))
    html = response.content.decode()
    assert 'type="file" name="files" multiple' in html
    assert "vault/upload.js" in html and 'enctype="multipart/form-data"' in html


def test_the_progress_partial_says_which_page_is_being_read_and_keeps_polling(world, login):
    from cartpath.vault import services

    outcome = services.upload(None, world.alice_case, "long.pdf", builders.text_pdf(pages=3),
                              actor=world.alice)
    Document.objects.filter(pk=outcome.document.pk).update(status="processing", stage="reading",
                                                           pages_read=1)
    response = login(world.alice).get(reverse("vault:progress", args=[world.alice_case.public_id]))
    html = response.content.decode()
    assert "Reading page 2 of 3" in html
    assert "every 2s" in html
