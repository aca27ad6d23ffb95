"""The pages of board assurance packs: the list, building one, its progress (refreshing
itself, without JavaScript too), the download, and a retry after a failure."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from boardtool import services
from boardtool.forms import citation_value, parse_citation
from boardtool.models import Pack
from idmf.core import records
from idmf.core.dates import nhs_date
from idmf.core.exports import LINK, CsvExport, when
from idmf.core.file_store import reaching_store
from idmf.core.forms import DateInputField, IdChoiceField, OnceForm
from idmf.core.models import Organisation, person_name
from idmf.core.pagination import render_list
from idmf.core.permissions import (
    Perm,
    get_for_user_or_404,
    has_permission,
    has_permission_anywhere,
    organisations_for,
    visible_to,
)
from idmf.core.services import AlreadyDone, Refused
from idmf.core.views import tool_breadcrumbs

REFRESH_SECONDS = 3


def breadcrumbs(pack=None):
    crumbs = tool_breadcrumbs("Board assurance", "boardtool:index")
    crumbs.append({"text": "Packs", "href": reverse("boardtool:packs")})
    if pack is not None:
        crumbs.append({"text": str(pack), "href": pack.get_absolute_url()})
    return crumbs


PACKS_CSV = CsvExport(
    name="assurance-packs",
    columns=[
        ("Pack", lambda p, _: str(p)),
        ("Organisation", lambda p, _: p.organisation.name),
        ("Board or committee", lambda p, _: p.board),
        ("Meeting", lambda p, _: when(p.meeting_date)),
        ("State", lambda p, _: p.get_state_display()),
        ("Asked for by", lambda p, _: person_name(p.created_by)),
        ("Asked for", lambda p, _: when(p.created_at)),
        LINK,
    ],
)


def pack_list(request):
    packs = visible_to(request.user, Pack.objects.select_related("organisation", "created_by"))
    return render_list(
        request,
        queryset=packs.order_by("-created_at", "-pk"),
        template="boardtool/pack_list.html",
        context={
            "may_build": has_permission_anywhere(request.user, Perm.BUILD_PACKS),
            "breadcrumbs": tool_breadcrumbs("Board assurance", "boardtool:index"),
        },
        export=PACKS_CSV,
    )


def which_one(record) -> str:
    """What tells two records of the same title apart: their version, and (a review) the
    meeting it was for."""
    said = [f"Version {getattr(record, 'version_number', 1)}"]
    meeting = getattr(record, "meeting_date", None)
    if meeting:
        said.append(f"meeting on {nhs_date(meeting)}")
    return ", ".join(said)


class PackForm(OnceForm):
    """The meeting, and what goes in the pack, in what order: each final record of the
    organisation with a box to tick and a place in the order."""

    board = forms.CharField(label="Board or committee", max_length=200)
    meeting_date = DateInputField(label="Meeting date")

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for position, (kind, record) in enumerate(candidates, start=1):
            key = citation_value(kind, record)
            self.fields[f"include-{key}"] = forms.BooleanField(
                label=f"{kind.noun}: {kind.title(record)} ({kind.status(record)})",
                help_text=which_one(record),
                required=False,
            )
            self.fields[f"order-{key}"] = forms.IntegerField(
                label="Place in the pack",
                min_value=1,
                max_value=999,
                required=False,
                initial=position,
            )

    def rows(self):
        for kind, record in self.candidates:
            key = citation_value(kind, record)
            yield self[f"include-{key}"], self[f"order-{key}"]

    def chosen(self) -> list[tuple[int, int]]:
        data = self.cleaned_data
        picked = [
            (data[f"order-{citation_value(k, r)}"] or 999, n, citation_value(k, r))
            for n, (k, r) in enumerate(self.candidates)
            if data[f"include-{citation_value(k, r)}"]
        ]
        return [parse_citation(key) for _, _, key in sorted(picked)]


def pack_new(request):
    builders = organisations_for(request.user, Perm.BUILD_PACKS)
    if not builders.exists():
        raise PermissionDenied("Only board secretaries and organisation admins build packs")
    chooser = OrganisationChoice(request.GET or None, organisations=builders)
    organisation = (
        chooser.cleaned_data["organisation"]
        if chooser.is_bound and chooser.is_valid()
        else builders.first()
        if builders.count() == 1
        else None
    )
    if organisation is None:
        return render(
            request,
            "boardtool/pack_organisation.html",
            {"form": chooser, "breadcrumbs": breadcrumbs()},
        )
    candidates = records.records_of(organisation, final_only=True)
    form = PackForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            pack = services.request_pack(
                organisation=organisation,
                board=form.cleaned_data["board"],
                meeting_date=form.cleaned_data["meeting_date"],
                chosen=form.chosen(),
                submission=form.cleaned_data["submission"],
                by=request.user,
            )
        except AlreadyDone as done:
            messages.info(request, str(done))
            return redirect("boardtool:packs")
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The pack is being built")
            return redirect(pack)
    return render(
        request,
        "boardtool/pack_new.html",
        {"form": form, "organisation": organisation, "breadcrumbs": breadcrumbs()},
    )


class OrganisationChoice(forms.Form):
    organisation = IdChoiceField(label="Organisation", queryset=Organisation.objects.none())

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


def _visible_pack(request, pk) -> Pack:
    return get_for_user_or_404(
        request.user,
        Pack.objects.select_related("organisation", "created_by").prefetch_related("items"),
        Perm.VIEW_RECORDS,
        pk=pk,
    )


def pack_detail(request, pk):
    pack = services.fail_dead_build(pack=_visible_pack(request, pk), by=request.user)
    return render(
        request,
        "boardtool/pack_detail.html",
        {
            "pack": pack,
            "refresh": REFRESH_SECONDS if pack.is_pending else None,
            "may_retry": pack.may_retry
            and has_permission(request.user, Perm.BUILD_PACKS, pack.organisation),
            "breadcrumbs": breadcrumbs(),
        },
    )


def pack_download(request, pk):
    pack = _visible_pack(request, pk)
    if not pack.is_ready:
        raise Http404("This pack is not ready")
    try:
        with reaching_store():
            file = pack.file.open("rb")
    except FileNotFoundError:
        services.rebuild_lost_pack(pack=pack, by=request.user)
        messages.info(request, "The pack's file had gone from the store: it is being built again")
        return redirect(pack)
    return FileResponse(
        file,
        as_attachment=True,
        filename=f"board-assurance-pack-{pack.meeting_date.isoformat()}.pdf",
        content_type="application/pdf",
    )


def pack_retry(request, pk):
    pack = _visible_pack(request, pk)
    if not has_permission(request.user, Perm.BUILD_PACKS, pack.organisation):
        raise PermissionDenied("Only board secretaries and organisation admins build packs")
    if request.method != "POST":
        return redirect(pack)
    try:
        services.retry_pack(pack=pack, by=request.user)
    except AlreadyDone as done:
        messages.info(request, str(done))
    else:
        messages.success(request, "The pack is being built again")
    return redirect(pack)
