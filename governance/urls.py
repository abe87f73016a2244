from django.urls import path

from .views import public

app_name = "governance"

urlpatterns = [
    path("organisaties/", public.organisation_list, name="organisation_list"),
    path("organisaties/<slug:key>/", public.organisation_detail, name="organisation_detail"),
    path("gremia/", public.body_list, name="body_list"),
    path("gremia/<slug:slug>/", public.body_detail, name="body_detail"),
]
