import statistics
import time

from django.core.management import call_command
from django.test import Client


class Bench:
    """Shared state for the bench modules: a client, timers, and the data size."""

    def __init__(self):
        self.client = Client(HTTP_HOST="127.0.0.1")
        self.factor = 1

    def scale(self, factor):
        """Grow the agenda to `factor` times the real size (once)."""
        if self.factor != factor:
            call_command("seed_scale", factor=factor, verbosity=0)
            self.factor = factor

    @staticmethod
    def median_seconds(fn, repeat=15, warmup=2):
        for _ in range(warmup):
            fn()
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    @staticmethod
    def signed_in(client, user):
        """`client` signed in as `user` with both factors (netwerkagenda.accounts asks the
        netwerkoverleg and administrators for a second one): the bench measures pages, not sign-in."""
        from netwerkagenda.accounts.middleware import SESSION_KEY

        client.force_login(user)
        session = client.session
        session[SESSION_KEY] = True
        session.save()
        return client

    def get(self, url):
        response = self.client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} gaf {response.status_code}")
        return response

    def page_ratio(self, url, baseline_url="/gezond/", repeat=15):
        """Median server time of a page as a ratio to a trivial template view."""
        page = self.median_seconds(lambda: self.get(url), repeat=repeat)
        base = self.median_seconds(lambda: self.get(baseline_url), repeat=repeat)
        return page / base
