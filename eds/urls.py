from django.urls import path

from eds.pages import PAGES
from eds.views import lifecycle, pages, public, records

app_name = "eds"
urlpatterns = [
    *PAGES.urls(list_view=records.report_list),
    path("scoring/", records.scoring_method, name="scoring"),
    path("published/", public.public_register, name="public_register"),
    path("published/<int:pk>/", public.public_report, name="public_report"),
    path("published/<int:pk>/pdf/", public.public_report_pdf, name="public_report_pdf"),
    path("<int:pk>/", records.report_detail, name="detail"),
    path("<int:pk>/page/<slug:slug>/", pages.page, name="page"),
    path("<int:pk>/score-card/", records.score_card, name="score_card"),
    path("<int:pk>/check/", lifecycle.check_and_submit, name="check"),
    path("<int:pk>/authorise/", lifecycle.authorise, name="authorise"),
    path("<int:pk>/return/", lifecycle.return_report, name="return"),
    path("<int:pk>/publish/", lifecycle.publish, name="publish"),
    path("<int:pk>/unpublish/", lifecycle.unpublish, name="unpublish"),
    path("<int:pk>/next-year/", lifecycle.next_year, name="next_year"),
    path("<int:pk>/new-version/", lifecycle.new_version, name="new_version"),
    path("<int:pk>/pdf/", records.report_pdf, name="pdf"),
]
