"""Statistics of a call's selection procedure for funder staff and programme experts: the
funnel through the stages and the spread over Bundesländer and kinds of social space, each as
a server-drawn SVG bar chart with the same figures in a table beside it.

The figures are counts over the whole call; a programme expert's conflicts of interest do not
change them (no application can be picked out of a count).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path
from rules.contrib.views import permission_required

from inklusiv.calls.models import Call

from ..statistics import call_statistics

PERMISSION = "selection.view_procedure"

# Geometry of the bar charts, in SVG user units (the chart scales to the page width).
CHART_WIDTH = 640
BAR_AREA = 520  # the longest bar; the rest leaves room for the number after it
ROW_HEIGHT = 52
LABEL_BASELINE = 18
BAR_TOP = 25
BAR_HEIGHT = 18


def bar_chart(items: list[tuple[str, int]]) -> dict:
    """Positions for a horizontal bar chart: each label above its bar, the number after it."""
    largest = max((value for _label, value in items), default=0)
    bars = []
    for index, (label, value) in enumerate(items):
        top = index * ROW_HEIGHT
        width = round(BAR_AREA * value / largest, 1) if largest else 0
        bars.append(
            {
                "label": label,
                "value": value,
                "label_y": top + LABEL_BASELINE,
                "bar_y": top + BAR_TOP,
                "width": width,
                "value_x": width + 8,
                "value_y": top + BAR_TOP + BAR_HEIGHT - 2,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(items) * ROW_HEIGHT, ROW_HEIGHT),
        "bar_height": BAR_HEIGHT,
    }


@login_required
@permission_required(PERMISSION, raise_exception=True)
def statistics(request, pk):
    call = get_object_or_404(Call, pk=pk)
    figures = call_statistics(call)
    return render(
        request,
        "selection/statistics/statistics.html",
        {
            "call": call,
            "stages": figures.stages,
            "figures": figures,
            "funnel_chart": bar_chart([(step.label, step.count) for step in figures.funnel]),
            "distributions": [
                {
                    "id": "states",
                    "distribution": figures.by_state,
                    "chart": bar_chart(figures.by_state.first_column),
                },
                {
                    "id": "kinds",
                    "distribution": figures.by_kind,
                    "chart": bar_chart(figures.by_kind.first_column),
                },
            ],
        },
    )


urlpatterns = [
    path("staff/selection/calls/<int:pk>/statistics/", statistics, name="statistics"),
]
