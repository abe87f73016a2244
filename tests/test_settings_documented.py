"""Every setting the code reads lives in settings.py, and every variable read from the
environment is in the README's table."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
# Every top-level package of the project: whatever holds an __init__.py next to manage.py.
APPS = sorted(p.parent.name for p in ROOT.glob("*/__init__.py") if p.parent.name != "tests")
# Read by the process around Django, not settings: which settings module, and CI itself.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "CI"}


def _python_files():
    for app in APPS:
        yield from (ROOT / app).rglob("*.py")


def _environment_variables():
    names = set()
    for path in _python_files():
        text = path.read_text()
        names |= set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", text))
        names |= set(re.findall(r"os\.environ(?:\.get|\.setdefault)?[\[(]\s*\"([A-Z][A-Z0-9_]*)\"", text))
    return names - NOT_SETTINGS


def test_every_environment_variable_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text()
    table = "\n".join(line for line in readme.splitlines() if line.startswith("| `"))
    missing = sorted(name for name in _environment_variables() if f"`{name}`" not in table)
    assert not missing, f"add these to the settings table in README.md: {missing}"


def test_every_setting_read_with_a_default_is_defined_in_settings():
    names = set()
    for path in _python_files():
        names |= set(re.findall(r"getattr\(\s*settings,\s*\"([A-Z][A-Z0-9_]*)\"", path.read_text()))
    missing = sorted(name for name in names if not hasattr(settings, name))
    assert not missing, f"define these in netwerkagenda/settings.py: {missing}"
