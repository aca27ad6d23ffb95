"""Login throttling that keeps intruders out without letting anyone lock others out.

Failures are counted for a username *from one address* (`AXES_FAILURE_LIMIT`, 5): nobody
elsewhere can lock a named person out by typing wrong passwords for them. An address alone
has a much higher limit (`LOGIN_ADDRESS_FAILURE_LIMIT`, 50), so one person guessing many
usernames is stopped, while a whole trust behind one address is not locked out by a few
colleagues' mistakes. Either lock lifts `AXES_COOLOFF_TIME` after the last failure."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render


def _failures(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def scaled(*, pair: int, address: int, limit: int, address_limit: int) -> int:
    """The failures that count, on the scale of `limit`: those of the username from this
    address, or the address's own scaled down, so that it reaches `limit` exactly when the
    address reaches `address_limit`."""
    return max(pair, address * limit // address_limit)


class LoginThrottle(AxesDatabaseHandler):
    """Axes' database handler with AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"],
    "ip_address"]: the first counts a username from one address, the second an address."""

    def get_failures(self, request, credentials=None) -> int:
        pair, address = self.get_user_attempts(request, credentials)
        return scaled(
            pair=_failures(pair),
            address=_failures(address),
            limit=get_failure_limit(request, credentials),
            address_limit=settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        )


def locked_out(request, response=None, credentials=None):
    """The page a locked login gets (429): why, and when it lifts, in UK time."""
    lasts = [
        attempts.aggregate(last=Max("attempt_time"))["last"]
        for attempts in LoginThrottle().get_user_attempts(request, credentials)
    ]
    last = max((when for when in lasts if when is not None), default=None)
    cool_off = get_cool_off(request)
    return render(
        request,
        "registration/locked_out.html",
        {"cooloff": cool_off, "lifts_at": last + cool_off if last else None},
        status=429,
    )
