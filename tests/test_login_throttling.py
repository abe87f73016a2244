"""Login throttling slows guessing down without letting anyone lock an account for everyone."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from django.urls import reverse

from netwerkagenda.throttling import ACCOUNT_FREE, ADDRESS_FREE, client_ip

PASSWORD = "correct horse battery"
PROXY = "10.0.0.2"


@pytest.fixture
def limit(settings):
    return settings.AXES_FAILURE_LIMIT


def sign_in(username, password, address, **headers):
    return Client().post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def fail(username, address, times=1):
    for _ in range(times):
        sign_in(username, "fout wachtwoord", address)


def time_passes(minutes):
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def test_wrong_passwords_from_one_address_bring_waits_that_grow(world, limit):
    fail("writer", "203.0.113.5", times=limit - 1)
    assert sign_in("writer", "fout", "203.0.113.5").status_code == 429  # the last free try starts the wait

    refused = sign_in("writer", PASSWORD, "203.0.113.5")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Probeer het over 1 minuut opnieuw" in refused.content.decode()

    time_passes(minutes=1)
    again = sign_in("writer", "fout", "203.0.113.5")
    assert again.status_code == 429
    assert again["Retry-After"] == "120"  # doubled

    time_passes(minutes=2)
    assert sign_in("writer", PASSWORD, "203.0.113.5").status_code == 302


def test_refused_attempts_do_not_lengthen_the_wait(world, limit):
    fail("writer", "203.0.113.5", times=limit)
    for _ in range(10):
        assert sign_in("writer", "fout", "203.0.113.5").status_code == 429

    assert AccessAttempt.objects.get().failures_since_start == limit


def test_one_address_guessing_cannot_keep_the_owner_out(world, limit):
    # An attacker keeps guessing from one address for hours, waiting out every wait …
    for _ in range(4 * limit):
        if sign_in("writer", "fout", "198.51.100.66").status_code == 429:
            time_passes(minutes=15)
    assert AccessAttempt.objects.get(ip_address="198.51.100.66").failures_since_start > ACCOUNT_FREE

    # … the owner signs in from anywhere else at once.
    assert sign_in("writer", PASSWORD, "203.0.113.5").status_code == 302
    assert sign_in("writer", PASSWORD, "192.0.2.44").status_code == 302


def test_guesses_spread_over_many_addresses_are_slowed(world, limit):
    addresses = [f"198.51.100.{n}" for n in range(1, 5)]
    for address in addresses:
        fail("writer", address, times=3)  # below the per-address limit each time
    assert 3 * len(addresses) >= ACCOUNT_FREE

    refused = sign_in("writer", PASSWORD, "192.0.2.1")  # a new address, even with the password
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) <= 15 * 60  # a wait, not an hour's lock

    time_passes(minutes=15)
    assert sign_in("writer", PASSWORD, "192.0.2.1").status_code == 302


def test_the_owner_is_not_slowed_at_an_address_they_signed_in_from(world):
    assert sign_in("writer", PASSWORD, "203.0.113.5").status_code == 302
    for n in range(1, 6):
        fail("writer", f"198.51.100.{n}", times=3)

    assert sign_in("writer", PASSWORD, "192.0.2.1").status_code == 429  # unknown address: waits
    assert sign_in("writer", PASSWORD, "203.0.113.5").status_code == 302  # their office: not


def test_one_address_trying_many_accounts_is_slowed(world):
    for n in range(ADDRESS_FREE):
        fail(f"gok{n}", "198.51.100.7")

    assert sign_in("reader", PASSWORD, "198.51.100.7").status_code == 429
    assert sign_in("reader", PASSWORD, "203.0.113.5").status_code == 302


def test_a_successful_sign_in_clears_the_count_for_that_address(world, limit):
    fail("writer", "203.0.113.5", times=limit - 1)
    assert sign_in("writer", PASSWORD, "203.0.113.5").status_code == 302
    fail("writer", "203.0.113.5", times=limit - 1)

    assert sign_in("writer", PASSWORD, "203.0.113.5").status_code == 302


def test_behind_the_proxy_each_client_has_its_own_count(world, settings, limit):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(limit):
        sign_in("writer", "fout", PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    assert sign_in("writer", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert sign_in("writer", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR="192.0.2.44").status_code == 302


def test_a_client_cannot_pick_its_address_by_writing_forwarded_for(world, settings, limit):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(limit):
        # The proxy appends the real address; what the client wrote in front of it is ignored.
        sign_in("writer", "fout", PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.5")

    assert sign_in("writer", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5").status_code == 429


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "203.0.113.5", "10.0.0.2"),  # no trusted proxy: the header is the client's word
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "192.0.2.1, 203.0.113.5", "203.0.113.5"),
        (2, "192.0.2.1, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (2, "203.0.113.5", "203.0.113.5"),  # shorter than the chain: the leftmost there is
        (1, "", "10.0.0.2"),
        (1, "niet-een-adres", "10.0.0.2"),
    ],
)
def test_the_client_address_is_the_one_the_trusted_proxies_saw(rf, settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.post("/account/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected
