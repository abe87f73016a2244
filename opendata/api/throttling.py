"""Throttling per client: the rates come from settings (API_THROTTLE_ANON, API_THROTTLE_USER)
each time, so a deployment (or a test) can change them without re-importing DRF."""

from django.conf import settings
from rest_framework import throttling


class AnonThrottle(throttling.AnonRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_ANON


class UserThrottle(throttling.UserRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_USER
