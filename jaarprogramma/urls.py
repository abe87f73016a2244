from django.urls import path

app_name = "jaarprogramma"

urlpatterns = []
