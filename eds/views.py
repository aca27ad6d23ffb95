from idmf.core.views import render_tool_landing


def index(request):
    return render_tool_landing(
        request,
        title="Equality Delivery System 2022",
        summary="EDS 2022 reports grade 11 outcomes in 3 domains from 0 (Undeveloped) to 3 "
        "(Excelling), with evidence, owners and an action plan.",
        empty="There are no EDS reports for your organisations yet.",
    )
