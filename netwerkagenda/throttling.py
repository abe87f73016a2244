"""Login throttling on top of django-axes: growing waits per account and per address, never a
lock that one address can impose on an account for everyone.

Failures are remembered for a day after the latest one (AXES_COOLOFF_TIME). Three counts
each give a wait that starts short and doubles with every further failure, up to MAX_WAIT;
a sign-in is refused while any wait runs, and refused attempts are not counted:

1. this username from this address: AXES_FAILURE_LIMIT free tries, then 1, 2, 4, 8, 15 minutes.
   A correct password from this address clears this count.
2. this username from every address: each address counts for at most AXES_FAILURE_LIMIT
   failures, so one address on its own can never slow the account down for others; guesses
   spread over many addresses are, from ACCOUNT_FREE counted failures on.
3. this address for every username: from ADDRESS_FREE failures on, one address trying many
   accounts is slowed down.

An address the account signed in from during the last KNOWN_ADDRESS_DAYS is only held to the
first count: someone guessing elsewhere cannot keep the owner out of their own office.

The client address is the one TRUSTED_PROXY_COUNT proxies in front of the portal saw
(`client_ip`), so behind the TLS proxy not everyone shares the proxy's address.
"""

import ipaddress
import math
from dataclasses import dataclass
from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

MAX_WAIT = timedelta(minutes=15)
ACCOUNT_FREE = 10
ADDRESS_FREE = 30
KNOWN_ADDRESS_DAYS = 30


@dataclass(frozen=True)
class Rule:
    free: int
    first_wait: timedelta

    def wait_after(self, failures: int) -> timedelta:
        """How long to wait after the latest of `failures` failures: nothing while they are
        within the free tries, then `first_wait`, doubling with every further failure."""
        if failures < self.free:
            return timedelta(0)
        # Cap the exponent too: 2 ** 10_000 minutes is not a timedelta.
        return min(MAX_WAIT, self.first_wait * 2 ** min(failures - self.free, 20))


def username_and_address_rule() -> Rule:
    return Rule(free=settings.AXES_FAILURE_LIMIT, first_wait=timedelta(minutes=1))


ACCOUNT_RULE = Rule(free=ACCOUNT_FREE, first_wait=timedelta(seconds=30))
ADDRESS_RULE = Rule(free=ADDRESS_FREE, first_wait=timedelta(minutes=1))


def client_ip(request):
    """The client's address, as the outermost of TRUSTED_PROXY_COUNT proxies saw it.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For
    and the last one connects to us (REMOTE_ADDR). Entries further left were written by the
    client itself and prove nothing, so they are never used. When the header is shorter than
    the configured chain (a request that bypassed a proxy), the leftmost entry present is the
    best we have."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        chain = [*forwarded, remote]
        candidate = chain[max(0, len(chain) - 1 - proxies)]
        if _valid_ip(candidate):
            return candidate
    return remote if _valid_ip(remote) else None


def _valid_ip(value) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _remaining(rule: Rule, failures: int, latest, now) -> timedelta:
    if not failures or latest is None:
        return timedelta(0)
    return max(timedelta(0), latest + rule.wait_after(failures) - now)


class ThrottlingHandler(AxesDatabaseHandler):
    """Axes' database handler (it records the failures) with the waits above instead of its
    single failure limit. AXES_LOCKOUT_PARAMETERS stay username + address: that is what a
    successful sign-in clears."""

    def wait(self, request, credentials=None) -> timedelta:
        username = get_client_username(request, credentials)
        address = request.axes_ip_address
        now = request.axes_attempt_time or timezone.now()
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))

        per_address = []
        if username is not None:
            per_address = list(
                recent.filter(username=username)
                .values("ip_address")
                .annotate(failures=Sum("failures_since_start"), latest=Max("attempt_time"))
            )
        own = next((row for row in per_address if row["ip_address"] == address), None)
        waits = [_remaining(username_and_address_rule(), own["failures"], own["latest"], now)] if own else []

        limit = settings.AXES_FAILURE_LIMIT
        account_failures = sum(min(row["failures"], limit) for row in per_address)
        account_latest = max((row["latest"] for row in per_address), default=None)
        account_wait = _remaining(ACCOUNT_RULE, account_failures, account_latest, now)

        address_wait = timedelta(0)
        if address is not None:
            totals = recent.filter(ip_address=address).aggregate(
                failures=Sum("failures_since_start"), latest=Max("attempt_time")
            )
            address_wait = _remaining(ADDRESS_RULE, totals["failures"], totals["latest"], now)

        if (account_wait or address_wait) and not self._known_address(username, address, now):
            waits += [account_wait, address_wait]
        return max(waits, default=timedelta(0))

    def _known_address(self, username, address, now) -> bool:
        if username is None or address is None:
            return False
        return AccessLog.objects.filter(
            username=username, ip_address=address, attempt_time__gte=now - timedelta(days=KNOWN_ADDRESS_DAYS)
        ).exists()

    def is_locked(self, request, credentials=None) -> bool:
        request.axes_wait = self.wait(request, credentials)
        return bool(request.axes_wait)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or (getattr(request, "axes_locked_out", False) and getattr(request, "axes_wait", None)):
            return  # refused before the password was checked; not counted
        # This failure may have started a wait: say so now, not only at the next attempt.
        request.axes_wait = self.wait(request, credentials)
        request.axes_locked_out = bool(request.axes_wait)
        if request.axes_locked_out:
            request.axes_credentials = credentials


def lockout_response(request, original_response=None, credentials=None):
    """429 with the wait in minutes, in the site's layout (AXES_LOCKOUT_CALLABLE)."""
    wait = getattr(request, "axes_wait", None) or username_and_address_rule().first_wait
    seconds = max(1, math.ceil(wait.total_seconds()))
    response = render(
        request, "registration/lockout.html", {"wait_minutes": math.ceil(seconds / 60)}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response
