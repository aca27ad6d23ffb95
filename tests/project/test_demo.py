from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from idmf.core.models import Membership, Organisation, Service
from idmf.demo import DEMO_PASSWORD, DEMO_USERS


def test_load_demo_creates_organisations_and_a_login_per_role(db, capsys):
    call_command("load_demo")
    call_command("load_demo")  # running it again changes nothing
    assert Organisation.objects.filter(system__short_name="LLR").count() == 7
    assert Organisation.objects.filter(system__short_name="MSE").count() == 3
    assert Service.objects.filter(name="Perinatal mental health (EPUT)").exists()
    assert Service.objects.filter(name="Maternity (MSE FT)").exists()
    for demo in DEMO_USERS:
        user = authenticate(
            RequestFactory().post("/login/"), username=demo.username, password=DEMO_PASSWORD
        )
        assert user is not None, demo.username
        assert Membership.objects.filter(user=user, role=demo.role).count() == 1
    output = capsys.readouterr().out
    assert "author" in output and DEMO_PASSWORD in output
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"author", "approver", "board_secretary", "viewer", "organisation_admin"}
