"""One pagination helper for every list page."""

from django.conf import settings
from django.core.paginator import Paginator


def paginate(request, object_list, per_page: int | None = None):
    """The requested page (invalid numbers give the nearest valid page), with an elided range."""
    paginator = Paginator(object_list, per_page or settings.PAGINATE_BY)
    page = paginator.get_page(request.GET.get("page"))
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2))
    return page
