"""Notifications: one place for everything the portal tells a person, in the portal and by e-mail.

Apps register their kinds (`kinds.register`, in AppConfig.ready) and call `services.notify`; the
person's choice per kind (at once, a daily digest, not at all) is applied here and nowhere else.
E-mail goes through Celery (governance/tasks.py) and Django's e-mail backend."""
