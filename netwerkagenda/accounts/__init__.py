"""Signing in: our password form, django-allauth's two-factor step and its OpenID Connect sign-on.

- `views.login`: the password form (django-axes throttles it through `authenticate`), which
  hands the account to allauth's login flow; allauth asks for the TOTP or a recovery code when
  the account has set one up (allauth.mfa's AuthenticateStage).
- `middleware.TwoFactorRequiredMiddleware`: accounts that must use two factors
  (`governance.access.needs_two_factor`) cannot use the portal until this session has proven
  one; without a second factor set up they are sent to set one up.
- `adapters.SocialAccountAdapter`: the network's accounts sign in the person the participant
  import knows by their verified e-mail address, never anyone else.
"""
