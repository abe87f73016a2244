from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`?pagina=2&aantal=100`: 50 items a page unless asked, at most 200."""

    page_size = 50
    page_query_param = "pagina"
    page_query_description = _("Het paginanummer.")
    page_size_query_param = "aantal"
    page_size_query_description = _("Het aantal resultaten per pagina (hoogstens 200).")
    max_page_size = 200
    invalid_page_message = _("Deze pagina bestaat niet.")
