"""What sign-in tells the rest of the portal beyond Django's own signals (the audit log listens)."""

from django.dispatch import Signal

# A second step failed: a wrong code (app or recovery code), a security key the portal did not
# accept, or an attempt refused because of too many wrong ones before. Sent once per attempt,
# at sign-in and when a session confirms its second factor again.
# Arguments: request, user (whose password was given), method ("code" or "beveiligingssleutel"),
# refused (True: turned away by the limit on attempts, not checked), reauthentication (bool).
second_factor_failed = Signal()
