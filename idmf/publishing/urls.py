from django.urls import path

from idmf.publishing import downloads, register

urlpatterns = [
    path("records/<str:kind>/<int:pk>.docx", downloads.record_docx, name="record_docx"),
    path("records/<str:kind>/<int:pk>.json", downloads.record_json, name="record_json"),
    path("records/<str:kind>/<int:pk>/publish/", register.publish_record, name="record_publish"),
    path("register/", register.register_index, name="register"),
    path("register/feed.atom", register.register_feed, name="register_feed"),
    path(
        "register/organisations/<int:pk>/",
        register.register_organisation,
        name="register_organisation",
    ),
    path("register/<str:kind>/<int:pk>/", register.register_record, name="register_record"),
    path("register/<str:kind>/<int:pk>/pdf/", register.register_pdf, name="register_pdf"),
]
