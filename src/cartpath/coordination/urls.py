from django.urls import path

from cartpath.coordination.views import case, centres, messages_views, partner

app_name = "coordination"
urlpatterns = [
    # Directory
    path("centres/", centres.centres, name="centres"),
    path("centres/export.csv", centres.export_centres, name="centres_export"),
    path("centres/import/", centres.import_centres, name="centres_import"),
    # The case team (tabs take the case public id as their only argument)
    path("cases/<str:case_id>/referrals/", case.case_referrals, name="case_referrals"),
    path("cases/<str:case_id>/messages/", messages_views.case_messages, name="case_messages"),
    path("cases/<str:case_id>/translations/", case.case_translations,
         name="case_translations"),
    path("cases/<str:case_id>/appointments/", case.add_appointment, name="add_appointment"),
    path("cases/<str:case_id>/consents/<str:consent_id>/withdraw/", case.withdraw_consent,
         name="withdraw_consent"),
    path("cases/<str:case_id>/documents/<str:doc_id>/", case.case_document,
         name="case_document"),
    path("referrals/<str:referral_id>/packet.pdf", case.packet_pdf, name="packet_pdf"),
    path("referrals/<str:referral_id>/packet.fhir.json", case.packet_fhir, name="packet_fhir"),
    path("slots/<str:slot_id>/confirm/", case.confirm_slot, name="confirm_slot"),
    path("appointments/<str:appointment_id>/", case.change_appointment,
         name="change_appointment"),
    path("appointments/<str:appointment_id>/invite.ics", case.appointment_ics,
         name="appointment_ics"),
    path("translations/<str:item_id>/", case.translation_action, name="translation_action"),
    path("files/<str:file_id>/", case.stored_file, name="stored_file"),
    # Partners
    path("inbox/", partner.partner_inbox, name="partner_inbox"),
    path("inbox/<str:referral_id>/", partner.partner_referral, name="partner_referral"),
    path("inbox/<str:referral_id>/reply/", partner.partner_reply, name="partner_reply"),
    path("inbox/<str:referral_id>/propose/", partner.partner_propose, name="partner_propose"),
    path("inbox/<str:referral_id>/upload/", partner.partner_upload, name="partner_upload"),
    path("inbox/<str:referral_id>/documents/<str:doc_id>/", partner.partner_document,
         name="partner_document"),
    # Messaging
    path("threads/<str:thread_id>/post/", messages_views.post_message, name="post_message"),
    path("messages/", messages_views.family_messages, name="family_messages"),
    path("messages/<str:case_id>/", messages_views.family_thread, name="family_thread"),
]
