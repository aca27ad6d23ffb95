from idmf.core.views import render_tool_landing


def index(request):
    return render_tool_landing(
        request,
        title="Board assurance",
        summary="Board assurance reviews test a strategy, delivery plan or the organisation "
        "against 8 key lines of enquiry and 5 national health inequality priorities, and build "
        "an assurance pack for the board.",
        empty="There are no board assurance reviews for your organisations yet.",
    )
