import pytest
from django.urls import reverse

from idmf.core.models import Role
from tests.core.factories import ActionFactory, ServiceFactory, UserFactory

ALL_ROLES = list(Role.values)


def url_list(cast, action):
    pk = cast.organisation.pk
    return [
        reverse("home"),
        reverse("organisation_list"),
        reverse("organisation_detail", args=[pk]),
        reverse("organisation_pdf", args=[pk]),
        reverse("organisation_history", args=[pk]),
        reverse("action_list"),
        reverse("action_detail", args=[action.pk]),
        reverse("action_history", args=[action.pk]),
        reverse("decisions:index"),
        reverse("assessments:index"),
        reverse("eds:index"),
        reverse("boardtool:index"),
        reverse("password_change"),
    ]


def test_anonymous_visits_to_every_page_redirect_to_login(client, cast):
    action = ActionFactory(organisation=cast.organisation)
    for url in url_list(cast, action):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next="), url


def test_healthz_reports_the_database_without_login(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_member_role_can_see_every_page_of_its_organisation(client_for, cast, role):
    action = ActionFactory(organisation=cast.organisation)
    client = client_for(cast.by_role()[role])
    for url in url_list(cast, action):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "name", ["organisation_detail", "organisation_pdf", "organisation_history"]
)
def test_outsiders_get_404_for_another_organisation(client_for, cast, name):
    url = reverse(name, args=[cast.organisation.pk])
    assert client_for(cast.outsider).get(url).status_code == 404
    assert client_for(cast.no_membership).get(url).status_code == 404


@pytest.mark.parametrize("name", ["action_detail", "action_history"])
def test_outsiders_get_404_for_another_organisations_action(client_for, cast, name):
    action = ActionFactory(organisation=cast.organisation)
    assert client_for(cast.outsider).get(reverse(name, args=[action.pk])).status_code == 404


def test_system_member_sees_sibling_organisation_but_not_another_system(client_for, cast):
    client = client_for(cast.system_member)
    assert client.get(reverse("organisation_detail", args=[cast.sibling.pk])).status_code == 200
    assert client.get(reverse("organisation_detail", args=[cast.other.pk])).status_code == 404


def test_organisation_page_lists_services_and_members_by_role(client_for, cast):
    ServiceFactory(
        organisation=cast.organisation, name="Maternity (MSE FT)", core20plus5_area="maternity"
    )
    page = client_for(cast.viewer).get(reverse("organisation_detail", args=[cast.organisation.pk]))
    text = page.content.decode()
    assert "Maternity (MSE FT)" in text
    assert "Board secretary" in text
    assert cast.board_secretary.get_full_name() in text


def test_organisation_history_shows_who_changed_what(client_for, cast):
    organisation = cast.organisation
    editor = UserFactory(first_name="Edna", last_name="Editor")
    organisation._history_user = editor
    organisation._change_reason = "Renamed after merger"
    organisation.name = "Our Merged ICB"
    organisation.save()
    page = client_for(cast.viewer).get(reverse("organisation_history", args=[organisation.pk]))
    text = page.content.decode()
    assert "Edna Editor" in text
    assert "Renamed after merger" in text
    assert "<del>Our ICB</del>" in text and "<ins>Our Merged ICB</ins>" in text


def test_organisation_page_query_count_does_not_grow(client_for, cast, queries_for):
    client = client_for(cast.viewer)
    url = reverse("organisation_detail", args=[cast.organisation.pk])
    before = queries_for(client, url)
    for _ in range(10):
        ServiceFactory(organisation=cast.organisation)
        UserFactory().memberships.create(organisation=cast.organisation, role=Role.VIEWER)
    assert queries_for(client, url) == before


def test_admin_keeps_history_of_reference_data_and_organisations(client, cast):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    for url in [
        reverse("admin:assessments_stage1question_changelist"),
        reverse("admin:assessments_stage1question_history", args=[4]),
        reverse("admin:core_organisation_history", args=[cast.organisation.pk]),
        reverse("admin:core_membership_changelist"),
    ]:
        assert client.get(url).status_code == 200, url


def test_django_admin_is_only_for_staff(client_for, cast):
    response = client_for(cast.organisation_admin).get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def setup_url(cast):
    return reverse("organisation_setup", args=[cast.organisation.pk])


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.APPROVER, Role.BOARD_SECRETARY, Role.VIEWER])
def test_only_organisation_admins_manage_the_organisation(client_for, cast, role):
    client = client_for(cast.by_role()[role])
    assert client.get(setup_url(cast)).status_code == 403
    response = client.post(
        setup_url(cast), {"add_member": "1", "member-user": cast.viewer.pk, "member-role": "author"}
    )
    assert response.status_code == 403
    assert not cast.no_membership.memberships.exists()


def test_outsiders_cannot_see_the_setup_page(client_for, cast):
    assert client_for(cast.outsider).get(setup_url(cast)).status_code == 404


def test_organisation_admin_gives_a_member_another_role_and_removes_it(client_for, cast):
    client = client_for(cast.organisation_admin)
    response = client.post(
        setup_url(cast),
        {"add_member": "1", "member-user": cast.viewer.pk, "member-role": "approver"},
        follow=True,
    )
    assert "is now also approver" in response.content.decode()
    membership = cast.viewer.memberships.get(role="approver")
    assert membership.organisation == cast.organisation
    assert membership.history.get().history_user == cast.organisation_admin
    client.post(setup_url(cast), {"remove_member": membership.pk})
    assert not cast.viewer.memberships.filter(role="approver").exists()
    history = client.get(
        reverse("organisation_history", args=[cast.organisation.pk])
    ).content.decode()
    assert "Member removed" in history and "Role given: Approver" in history


def test_someone_new_is_invited_and_the_page_never_tells_who_has_an_account(client_for, cast):
    """Only a member here may be given a role: anyone else, with an account or without,
    gets the same sentence (no list of usernames to try)."""
    client = client_for(cast.organisation_admin)
    pages = [
        client.post(
            setup_url(cast), {"add_member": "1", "member-user": user, "member-role": "author"}
        ).content.decode()
        for user in (cast.no_membership.pk, cast.outsider.pk, 987654)
    ]
    for page in pages:
        assert "Choose someone who is already a member here" in page
        assert "<title>Error: " in page
    assert not cast.no_membership.memberships.exists()
    assert not cast.outsider.memberships.filter(organisation=cast.organisation).exists()
    setup = client.get(setup_url(cast)).content.decode()
    assert "invite them by e-mail" in setup and cast.outsider.username not in setup
    page = client.post(
        setup_url(cast), {"add_member": "1", "member-user": cast.author.pk, "member-role": "author"}
    )
    assert "already has that role here" in page.content.decode()


def test_the_last_organisation_admin_cannot_be_removed(client_for, cast):
    client = client_for(UserFactory(is_superuser=True))
    membership = cast.organisation_admin.memberships.get()
    page = client.post(setup_url(cast), {"remove_member": membership.pk}).content.decode()
    assert "needs at least one organisation admin" in page
    assert "<title>Error: " in page
    assert cast.organisation_admin.memberships.exists()


def test_memberships_of_another_organisation_cannot_be_removed_from_here(client_for, cast):
    theirs = cast.outsider.memberships.get()
    response = client_for(cast.organisation_admin).post(
        setup_url(cast), {"remove_member": theirs.pk}
    )
    assert response.status_code == 404
    assert cast.outsider.memberships.exists()


def test_organisation_admin_adds_a_service(client_for, cast):
    client = client_for(cast.organisation_admin)
    data = {
        "add_service": "1",
        "service-name": "Perinatal mental health",
        "service-relationship": "provided",
        "service-core20plus5_area": "smi",
    }
    client.post(setup_url(cast), data)
    service = cast.organisation.services.get()
    assert service.name == "Perinatal mental health"
    page = client.post(setup_url(cast), data).content.decode()
    assert "already has a service called" in page


def test_one_press_adds_the_member_and_the_service_typed_on_the_page(client_for, cast):
    """Nothing typed is lost: "Add member" also adds the service typed below it."""
    client_for(cast.organisation_admin).post(
        setup_url(cast),
        {
            "member-user": cast.author.pk,
            "member-role": "viewer",
            "service-name": "Community diabetes",
            "service-relationship": "provided",
            "add_member": "1",
        },
    )
    assert cast.organisation.memberships.filter(user=cast.author, role="viewer").exists()
    assert cast.organisation.services.get().name == "Community diabetes"


def test_add_member_as_a_browser_sends_it_with_the_service_radio_at_its_start(client_for, cast):
    """The service form's "Provided" starts ticked: that alone is nothing typed."""
    response = client_for(cast.organisation_admin).post(
        setup_url(cast),
        {
            "member-user": cast.author.pk,
            "member-role": "viewer",
            "service-relationship": "provided",
            "add_member": "1",
        },
    )
    assert response.status_code == 302
    assert cast.organisation.memberships.filter(user=cast.author, role="viewer").exists()
    assert not cast.organisation.services.exists()


@pytest.mark.parametrize("junk", ["abc", "", "1.5", "-1", "²"])
def test_a_junk_member_id_is_404_not_500(client_for, cast, junk):
    response = client_for(cast.organisation_admin).post(setup_url(cast), {"remove_member": junk})
    assert response.status_code == 404
