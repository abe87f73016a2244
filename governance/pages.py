"""What higher apps add to the public pages of bodies and organisations.

Governance knows people, organisations and bodies; which chapters a body steers, what an
organisation contributes and which actions it carries are known by the apps above it. They
register a function per page here (in their AppConfig.ready); the page merges the context
each returns. Each function reads through the publication layer, so no draft reaches a page.
"""

_CONTRIBUTORS: dict = {}


def register(page, contribute):
    """`contribute(request, **objects) -> dict` adds to the context of `page`."""
    contributors = _CONTRIBUTORS.setdefault(page, [])
    if contribute not in contributors:
        contributors.append(contribute)


def extra_context(page, request, **objects):
    context = {}
    for contribute in _CONTRIBUTORS.get(page, []):
        context.update(contribute(request, **objects))
    return context
