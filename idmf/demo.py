"""The demo cast: one user per role with a known password. Loaded only by `load_demo`."""

from dataclasses import dataclass

DEMO_PASSWORD = "Inclusive-Demo-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str = ""  # organisation name, or
    system: str = ""  # system name for a system-level membership
    superuser: bool = False


LLR_ICB = "NHS Leicester, Leicestershire and Rutland Integrated Care Board"
LLR = "Leicester, Leicestershire and Rutland"
MSE_ICB = "NHS Mid and South Essex Integrated Care Board"

DEMO_USERS = [
    DemoUser("author", "Amira", "Khan", "author", organisation=LLR_ICB),
    DemoUser("approver", "Priya", "Patel", "approver", organisation=LLR_ICB),
    DemoUser("secretary", "Ben", "Osei", "board_secretary", organisation=LLR_ICB),
    DemoUser("viewer", "Grace", "Lewis", "viewer", organisation=LLR_ICB),
    DemoUser("orgadmin", "Tom", "Hughes", "organisation_admin", organisation=LLR_ICB),
    DemoUser("system", "Nadia", "Rahman", "viewer", system=LLR),
    DemoUser("mse.author", "Chloe", "Turner", "author", organisation=MSE_ICB),
    DemoUser("mse.approver", "Olu", "Adeyemi", "approver", organisation=MSE_ICB),
    DemoUser("admin", "Sam", "Admin", "organisation_admin", organisation=LLR_ICB, superuser=True),
]
