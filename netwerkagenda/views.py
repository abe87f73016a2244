from django.db import connection
from django.shortcuts import render


def health(request):
    """For load balancers and compose health checks: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return render(request, "health.html")
