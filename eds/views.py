from idmf.core.views import render_tool_landing


def index(request):
    return render_tool_landing(
        request,
        title="Equality Delivery System 2022",
        summary="EDS 2022 reports grade 11 outcomes in 3 domains from 0 (Undeveloped) to 3 "
        "(Excelling), with evidence, owners and an action plan.",
        coming="This tool is not available yet: it is the next to be built. It will let EDI "
        "leads grade each outcome with its evidence, show the domain and overall totals with "
        "their bands, keep the action plan, and publish the report. Until then, keep using "
        "your organisation's EDS 2022 reporting template.",
    )
