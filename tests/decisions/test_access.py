"""Who may read and change a decision record, for each member of the fixed cast."""

import pytest
from django.urls import reverse

from idmf.core.models import Role
from tests.decisions.posts import step_post


def read_urls(pk):
    return (
        [reverse("decisions:detail", args=[pk]), reverse("decisions:pdf", args=[pk])]
        + [reverse("decisions:step", args=[pk, n]) for n in range(1, 7)]
        + [reverse("decisions:history", args=[pk])]
    )


@pytest.mark.parametrize("role", list(Role.values))
def test_every_member_can_read_a_record(client_for, cast, record, role):
    client = client_for(cast.by_role()[role])
    for url in read_urls(record.pk) + [reverse("decisions:index"), reverse("decisions:overdue")]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["outsider", "no_membership"])
def test_outsiders_get_404(client_for, cast, record, who):
    client = client_for(getattr(cast, who))
    urls = read_urls(record.pk) + [
        reverse("decisions:review", args=[record.pk]),
        reverse("decisions:reopen", args=[record.pk, 1]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"version": record.version}).status_code == 404, url


@pytest.mark.parametrize(
    "role", [Role.VIEWER, Role.APPROVER, Role.BOARD_SECRETARY, Role.ORGANISATION_ADMIN]
)
def test_roles_without_edit_cannot_change_a_record(client_for, cast, record, role):
    client = client_for(cast.by_role()[role])
    response = client.post(
        reverse("decisions:step", args=[record.pk, 1]),
        step_post(record, 1, title="Hijacked", kind="policy"),
    )
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.title != "Hijacked"
    assert client.get(reverse("decisions:new")).status_code == 403
    page = client.get(reverse("decisions:step", args=[record.pk, 1])).content.decode()
    assert "Save and continue" not in page
