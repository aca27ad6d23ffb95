from django.urls import path

from idmf.publishing import browse, downloads, feed, register

urlpatterns = [
    path("records/<str:kind>/<int:pk>.docx", downloads.record_docx, name="record_docx"),
    path("records/<str:kind>/<int:pk>.json", downloads.record_json, name="record_json"),
    path("records/<str:kind>/<int:pk>/publish/", register.publish_record, name="record_publish"),
    path("register/", browse.register_index, name="register"),
    path("register/feed.atom", feed.register_feed, name="register_feed"),
    path("register/systems/<int:pk>/", browse.register_system, name="register_system"),
    path(
        "register/organisations/<int:pk>/",
        browse.register_organisation,
        name="register_organisation",
    ),
    # After the pages above: "systems" and "organisations" are not kinds of record.
    path("register/<str:kind>/<int:pk>/", register.register_record, name="register_record"),
    path("register/<str:kind>/<int:pk>/pdf/", register.register_pdf, name="register_pdf"),
]
