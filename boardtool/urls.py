from django.urls import path

from boardtool import packs, views
from boardtool.pages import PAGES

app_name = "boardtool"
urlpatterns = [
    *PAGES.urls(),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/details/", views.details, name="details"),
    path("<int:pk>/cell/<int:prompt>/", views.cell, name="cell"),
    path("<int:pk>/scorecard/", views.scorecard, name="scorecard"),
    path("<int:pk>/check/", views.check_and_submit, name="check"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/return/", views.return_review, name="return"),
    path("packs/", packs.pack_list, name="packs"),
    path("packs/new/", packs.pack_new, name="pack_new"),
    path("packs/<int:pk>/", packs.pack_detail, name="pack"),
    path("packs/<int:pk>/download/", packs.pack_download, name="pack_download"),
    path("packs/<int:pk>/retry/", packs.pack_retry, name="pack_retry"),
]
