"""The profile page (personal API keys) and the API documentation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from drf_spectacular.views import SpectacularSwaggerSplitView

from . import tokens
from .forms import TokenForm


@login_required
def profile(request):
    """Who you are, and your API keys: make one (shown once), see when each was used, revoke it."""
    new_key = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            _token, new_key = tokens.create_token(user=request.user, name=form.cleaned_data["name"])
            form = TokenForm()
    else:
        form = TokenForm()
    person = getattr(request.user, "person", None)
    return render(request, "opendata/profile.html", {
        "form": form,
        "new_key": new_key,
        "api_tokens": request.user.api_tokens.all(),
        "organisations": person.organisations.all() if person else [],
    })


@login_required
@require_POST
def revoke_token(request, pk):
    # Someone else's key is a 404: its existence is none of this user's business.
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    tokens.revoke_token(token=token)
    messages.success(request, _("De sleutel ‘%(name)s’ is ingetrokken.") % {"name": token.name})
    return redirect("profile")


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar's static files; its start script is a separate request, so
    the page needs no inline script and the CSP stays strict."""

    template_name = "opendata/api_docs.html"
    url_name = "api_schema"
    title = "Netwerkagenda API"
