"""Whether an invitation may be accepted, and whether an admin may close a leaver's
account. Pure functions."""


def invitation_problem(*, state: str, invited: str, signed_in: str | None) -> str:
    """Why an invitation cannot be accepted now ("" if it can): it must still wait, and the
    person accepting must be the one it was sent to (their account's address, when they
    are signed in)."""
    if state == "expired":
        return "This invitation has expired. Ask whoever invited you to send a new one."
    if state == "revoked":
        return (
            "This invitation was withdrawn. Ask your organisation admin if you still need access."
        )
    if state == "accepted":
        return "This invitation has already been accepted."
    if signed_in is not None and signed_in.strip().lower() != invited.strip().lower():
        return (
            f"This invitation is for {invited}, but you are signed in as "
            f"{signed_in or 'an account with no e-mail address'}. Sign out, then open the "
            "link again."
        )
    return ""


def leaver_problem(
    *, person_id: int, by_id: int, where: set, managed: set, site_staff: bool = False
) -> str:
    """Why an organisation admin (`by_id`) cannot close this person's account ("" if they
    can): not their own, not one of the site's staff (`site_staff`: they hold more power
    than any organisation admin), and every organisation or system the person belongs to
    (`where`: ("organisation", id) or ("system", id)) is one the admin manages."""
    if person_id == by_id:
        return "You cannot close your own account. Ask another organisation admin."
    if site_staff:
        return (
            "This person runs the whole site, so only a site administrator can close their account."
        )
    if not where <= managed:
        return (
            "This person also belongs to organisations you do not manage, so you cannot close "
            "their account. Remove them from your organisation instead, or ask a system admin."
        )
    return ""
