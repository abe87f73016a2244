"""Meldingen: a person's list, read state and choices; the unsubscribe link from an e-mail."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.notifications import kinds, services
from governance.notifications.models import Delivery, Notification


@login_required
def notification_list(request):
    page = Paginator(Notification.objects.filter(user=request.user), 50).get_page(request.GET.get("pagina"))
    return render(request, "governance/notifications/list.html", {"page": page, "notifications": page.object_list})


@login_required
@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(user=request.user, notification_id=notification.pk)
    if request.POST.get("open") and notification.url and url_has_allowed_host_and_scheme(
            notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect("governance:notification_list")


@login_required
@require_POST
def notification_read_all(request):
    services.mark_read(user=request.user)
    messages.success(request, _("Alle meldingen zijn gelezen."))
    return redirect("governance:notification_list")


class PreferencesForm(forms.Form):
    """One choice per registered kind."""

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, delivery in current:
            self.fields[kind.key] = forms.ChoiceField(label=kind.label, choices=Delivery.choices, initial=delivery,
                                                      widget=forms.RadioSelect)


@login_required
def notification_preferences(request):
    current = services.preferences(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for key, delivery in form.cleaned_data.items():
            services.set_preference(user=request.user, kind=key, delivery=delivery)
        messages.success(request, _("Uw keuzes zijn opgeslagen."))
        return redirect("governance:notification_preferences")
    return render(request, "governance/notifications/preferences.html", {"form": form})


def notification_unsubscribe(request, token):
    """From the link in an e-mail, without signing in: the token names one person and one kind.
    Only a POST changes anything (mail scanners follow links)."""
    found = services.read_unsubscribe_token(token)
    if found is None:
        raise Http404
    user = get_object_or_404(get_user_model(), pk=found[0], is_active=True)
    kind = kinds.get(found[1])
    done = False
    if request.method == "POST":
        services.set_preference(user=user, kind=kind.key, delivery=Delivery.NEVER)
        done = True
    return render(request, "governance/notifications/unsubscribe.html", {"kind": kind, "done": done})
