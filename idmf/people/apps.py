from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "idmf.people"
    label = "people"
    verbose_name = "People: signing in, invitations, leavers and co-authors"
