from idmf.core.views import render_tool_landing


def index(request):
    return render_tool_landing(
        request,
        title="Board assurance",
        summary="Board assurance reviews test a strategy, delivery plan or the organisation "
        "against 8 key lines of enquiry and 5 national health inequality priorities, and build "
        "an assurance pack for the board.",
        coming="This tool is not available yet: it will follow the EDS tool. It will let board "
        "secretaries record a review against each key line of enquiry and priority, see the "
        "scorecard, and build an assurance pack for a meeting. Until then, the Confederation's "
        "board assurance tool remains the template to use.",
    )
