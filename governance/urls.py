from django.urls import path

app_name = "governance"

urlpatterns = []
