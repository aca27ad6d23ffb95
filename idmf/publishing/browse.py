"""Browsing the public register for the whole country: systems, then a system's
organisations, then an organisation's records, each page bounded and paginated; and a search
of organisations by name. No page lists every organisation in England."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from idmf.core.models import Organisation, System
from idmf.core.pagination import paginate
from idmf.core.views import public_page
from idmf.publishing import counts
from idmf.publishing.models import PublishedCount
from idmf.publishing.register import (
    Entry,
    _moment,
    latest,
    public_kinds,
    register_crumbs,
)

ORGANISATIONS_A_PAGE = 50
RECORDS_A_PAGE = 25
LONGEST_SEARCH = 100


def in_words(counts: dict[str, int]) -> list[str]:
    """ "3 EHIIRAs", "1 Decision record", … in the kinds' order."""
    return [f"{n} {noun}{'' if n == 1 else 's'}" for noun, n in sorted(counts.items())]


@public_page
def register_index(request):
    """The register's front page: what it is, a search of organisations, the systems (each
    with how many organisations have published, and what), and the newest records."""
    query = request.GET.get("q", "").strip()[:LONGEST_SEARCH]
    context = {"query": query, "latest": latest()}
    if query:
        context.update(search(request, query))
    else:
        published = counts.by_system()
        systems = System.objects.filter(pk__in=published).order_by("name")
        context["systems"] = [
            (s, published[s.pk][0], in_words(published[s.pk][1])) for s in systems
        ]
    return render(request, "publishing/register/index.html", context)


def search(request, query: str) -> dict:
    """Organisations that have published, whose name holds the words searched for."""
    named = Organisation.objects.filter(name__icontains=query).values("pk")
    published = counts.by_organisation(PublishedCount.objects.filter(organisation_id__in=named))
    matches = Organisation.objects.filter(pk__in=published).select_related("system")
    page, querystring = paginate(request, matches.order_by("name"), per_page=ORGANISATIONS_A_PAGE)
    return {
        "page": page,
        "found": [(o, in_words(published[o.pk])) for o in page.object_list],
        "querystring": querystring,
    }


@public_page
def register_system(request, pk):
    """A system's organisations that have published, a page at a time."""
    system = get_object_or_404(System, pk=pk)
    published = counts.by_organisation(PublishedCount.objects.filter(system_id=system.pk))
    organisations = Organisation.objects.filter(pk__in=published).order_by("name")
    page, querystring = paginate(request, organisations, per_page=ORGANISATIONS_A_PAGE)
    return render(
        request,
        "publishing/register/system.html",
        {
            "system": system,
            "page": page,
            "organisations": [(o, in_words(published[o.pk])) for o in page.object_list],
            "querystring": querystring,
            "breadcrumbs": register_crumbs(system)[:1],
        },
    )


@public_page
def register_organisation(request, pk):
    """An organisation's published records of one kind (chosen by `kind`; the first kind it
    has published, at first), newest first, a page at a time."""
    organisation = get_object_or_404(Organisation.objects.select_related("system"), pk=pk)
    rows = PublishedCount.objects.filter(organisation_id=organisation.pk)
    published = counts.by_organisation(rows).get(organisation.pk, {})
    kinds = [k for k in public_kinds() if k.noun in published]
    chosen = next((k for k in kinds if k.key == request.GET.get("kind")), None)
    if request.GET.get("kind") and chosen is None:
        raise Http404("This organisation has published no records of that kind")
    chosen = chosen or (kinds[0] if kinds else None)
    page = entries = querystring = None
    if chosen:
        records = chosen.published().filter(organisation=organisation)
        ordered = records.order_by(f"-{chosen.published_field}", "-pk")
        page, querystring = paginate(request, ordered, per_page=RECORDS_A_PAGE)
        entries = [Entry(chosen, r, _moment(chosen.published_at(r))) for r in page.object_list]
    return render(
        request,
        "publishing/register/organisation.html",
        {
            "organisation": organisation,
            "tabs": [
                {
                    "text": f"{k.noun}s ({published[k.noun]})",
                    "href": reverse("register_organisation", args=[pk]) + f"?kind={k.key}",
                    "current": k == chosen,
                }
                for k in kinds
            ],
            "chosen": chosen,
            "page": page,
            "entries": entries,
            "querystring": querystring,
            "breadcrumbs": register_crumbs(organisation.system),
        },
    )
