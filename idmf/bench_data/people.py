"""The people and places of bench data: systems, organisations (with their services), users
(five per organisation and a viewer per system) and their memberships, and the logins."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from idmf.bench_data.history import created
from idmf.bench_data.words import CORE20PLUS5, SERVICE_NAMES
from idmf.core.models import Membership, Organisation, Role, Service, System

BENCH_PASSWORD = "Bench-Password-2026"
SYSTEM_PREFIX = "Bench system"
ORGANISATION_PREFIX = "Bench organisation"
USERNAME_PREFIX = "bench."
SERVICES_PER_ORGANISATION = 3

# The organisation's people, one per role: (role, username suffix).
ROLE_LOGINS = [
    (Role.AUTHOR, "author"),
    (Role.APPROVER, "approver"),
    (Role.BOARD_SECRETARY, "secretary"),
    (Role.VIEWER, "viewer"),
    (Role.ORGANISATION_ADMIN, "admin"),
]


@dataclass
class Org:
    """An organisation as the builder uses it: its people and the ids of its records."""

    pk: int
    users: dict  # role → user
    services: list[str]
    assessments: list[int] = field(default_factory=list)
    approved: list[tuple[int, datetime.datetime]] = field(default_factory=list)
    decisions: list[int] = field(default_factory=list)

    def user(self, role):
        return self.users[role].pk


def bench_data_found() -> str:
    """What bench data the database already holds ("" if none)."""
    if System.objects.filter(name__startswith=SYSTEM_PREFIX).exists():
        return f'systems named "{SYSTEM_PREFIX} …"'
    if get_user_model().objects.filter(username__startswith=USERNAME_PREFIX).exists():
        return f'users named "{USERNAME_PREFIX}…"'
    return ""


class People:
    """The builder's users, systems, organisations, services and memberships: it keeps the
    organisations as `orgs` (and `orgs_by_pk`), and how busy each is as `org_weights`."""

    def _users(self) -> None:
        """Five people per organisation and a viewer per system, one password hash for all."""
        password = make_password(BENCH_PASSWORD)
        User = get_user_model()
        self.setup_at = self.start - datetime.timedelta(days=30)

        def user(username):
            first, last = self.write.name()
            made = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@example.nhs.uk",
                password=password,
                date_joined=self.setup_at,
            )
            return created(made, at=self.setup_at, by=None, reason="Account made")

        with transaction.atomic():
            self.org_users = [
                {role: user(f"{USERNAME_PREFIX}o{n}.{suffix}") for role, suffix in ROLE_LOGINS}
                for n in range(1, self.sizes.organisations + 1)
            ]
            self.system_users = [
                user(f"{USERNAME_PREFIX}s{n}.viewer") for n in range(1, self.sizes.systems + 1)
            ]
            everyone = [u for users in self.org_users for u in users.values()]
            self._insert_all(User, everyone + self.system_users)

    def _admin_of_system(self, number: int) -> int | None:
        """The system's set-up is by the admin of its first organisation (its ICB)."""
        if number <= len(self.org_users):
            return self.org_users[number - 1][Role.ORGANISATION_ADMIN].pk
        return None

    def _organisations(self) -> None:
        at, sizes = self.setup_at, self.sizes
        with transaction.atomic():
            systems = []
            for n in range(1, sizes.systems + 1):
                system = System(name=f"{SYSTEM_PREFIX} {n}", short_name=f"BS{n}")
                systems.append(created(system, at=at, by=self._admin_of_system(n)))
            self._insert(System, systems)
            organisations = []
            for n, users in enumerate(self.org_users, start=1):
                # The first organisation of each system is its integrated care board.
                icb = n <= sizes.systems
                organisation = Organisation(
                    system_id=systems[(n - 1) % sizes.systems].pk,
                    name=f"{ORGANISATION_PREFIX} {n}",
                    short_name=f"BO{n}",
                    kind=Organisation.Kind.ICB if icb else Organisation.Kind.NHS_TRUST,
                )
                organisations.append(
                    created(organisation, at=at, by=users[Role.ORGANISATION_ADMIN].pk)
                )
            self._insert(Organisation, organisations)
            self.orgs = [
                Org(o.pk, users, self.rng.sample(SERVICE_NAMES, SERVICES_PER_ORGANISATION))
                for o, users in zip(organisations, self.org_users, strict=True)
            ]
            self.orgs_by_pk = {org.pk: org for org in self.orgs}
            self.org_weights = list(accumulate(self.rng.uniform(0.2, 3.0) for _ in self.orgs))
            self._insert_all(Service, self._services(organisations))
            self._insert_all(Membership, self._memberships(systems))

    def _services(self, organisations) -> Iterator[Service]:
        for org, organisation in zip(self.orgs, organisations, strict=True):
            commissioner = organisation.kind == Organisation.Kind.ICB
            for name in org.services:
                service = Service(
                    organisation_id=org.pk,
                    name=name,
                    relationship="commissioned" if commissioner else "provided",
                    core20plus5_area=CORE20PLUS5.get(name, ""),
                )
                yield created(service, at=self.setup_at, by=org.user(Role.ORGANISATION_ADMIN))

    def _memberships(self, systems) -> Iterator[Membership]:
        for org in self.orgs:
            admin = org.user(Role.ORGANISATION_ADMIN)
            for role, user in org.users.items():
                membership = Membership(user_id=user.pk, organisation_id=org.pk, role=role)
                yield created(membership, at=self.setup_at, by=admin)
        for n, (system, user) in enumerate(zip(systems, self.system_users, strict=True), 1):
            membership = Membership(user_id=user.pk, system_id=system.pk, role=Role.VIEWER)
            yield created(membership, at=self.setup_at, by=self._admin_of_system(n))

    def _logins(self) -> list[str]:
        last_org, last_system = self.sizes.organisations, self.sizes.systems
        roles = "|".join(suffix for _, suffix in ROLE_LOGINS)
        return [
            f"{USERNAME_PREFIX}o<N>.<{roles}>  for N = 1 … {last_org}: "
            f'one per role in "{ORGANISATION_PREFIX} N"',
            f"{USERNAME_PREFIX}s<N>.viewer  for N = 1 … {last_system}: "
            f'a viewer of every organisation in "{SYSTEM_PREFIX} N"',
            f"For example {USERNAME_PREFIX}o1.author, {USERNAME_PREFIX}o1.approver, "
            f"{USERNAME_PREFIX}s1.viewer",
        ]
