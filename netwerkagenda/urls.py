from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from . import accessibility, views

admin.site.site_header = _("Beheer Netwerkagenda")
admin.site.site_title = _("Netwerkagenda")

urlpatterns = [
    path("", include("opgaven.urls")),
    path("", include("governance.urls")),
    path("", include("jaarprogramma.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("reactierondes/", include("feedback.urls")),
    path("", include("opgaven.urls_documents")),  # public PDFs: agenda_pdf, chapter_pdf
    path("zoeken/", include("zoeken.urls")),
    path("", include("opendata.urls")),  # /api/, /feeds/, /account/profiel/
    path("account/", include("netwerkagenda.accounts.urls")),
    path("", include("netwerkagenda.privacy.urls")),  # /privacy/ and the AVG tools under /beheer/avg/
    # One login page for everyone, with its second factor: the admin's own form would skip it.
    path("beheer/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("", include("audit.urls")),  # /beheer/auditlog/
    path("beheer/", admin.site.urls),
    path("gezond/", views.health, name="health"),
    path("toegankelijkheid/", accessibility.statement, name="accessibility_statement"),
    path("colofon/", accessibility.colofon, name="colofon"),
]

# 400, 403 and 404 use Django's handlers with our templates (templates/400.html …); 405 gets its
# page from netwerkagenda.middleware.
handler500 = "netwerkagenda.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
