"""The roll-up of progress is one function: a parent's progress always lies between its
children's smallest and largest progress and equals the weighted mean the page shows."""

import datetime
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inklusiv.pilots.models import FieldOfAction, Goal, Measure
from inklusiv.pilots.progress import region_progress, regions_progress, rollup

from .concept_fixtures import build_concept
from .conftest import make_region

progress_values = st.floats(min_value=0, max_value=100, allow_nan=False)
weights = st.integers(min_value=1, max_value=100)
children = st.lists(st.tuples(progress_values, weights), min_size=1, max_size=30)


def test_no_children_no_progress():
    assert rollup([]) is None


def test_weights_count_as_shown():
    # A goal of weight 2 beside one of weight 3: 2 of 5 parts = 40 %.
    assert rollup([(100, 2), (0, 3)]) == pytest.approx(40)


def test_a_weight_must_be_positive():
    with pytest.raises(ValueError):
        rollup([(50, 0)])


@given(children)
def test_parent_lies_between_its_children(pairs):
    value = rollup(pairs)
    values = [progress for progress, _weight in pairs]
    assert min(values) <= value <= max(values)
    total = sum(weight for _progress, weight in pairs)
    assert math.isclose(
        value, sum(progress * weight for progress, weight in pairs) / total, abs_tol=1e-9
    )


@given(st.lists(st.tuples(st.integers(0, 100), weights), min_size=1, max_size=30))
def test_equal_children_give_their_value(pairs):
    progress = pairs[0][0]
    assert rollup([(progress, weight) for _progress, weight in pairs]) == progress


# -- the tree of a region, built in the database ------------------------------------------------

measure_spec = st.tuples(
    st.integers(0, 100),  # progress
    weights,
    st.sampled_from(Measure.Status.values),
)
goal_spec = st.tuples(weights, st.lists(measure_spec, max_size=4))
field_spec = st.tuples(weights, st.lists(goal_spec, max_size=3))


def _check(node_children, node_progress):
    counted = [child for child in node_children if child.progress is not None]
    if not counted:
        assert node_progress is None
        return
    values = [child.progress for child in counted]
    assert min(values) <= node_progress <= max(values)
    # It equals the weighted mean of the children's shown progress and shares.
    assert math.isclose(
        node_progress, sum(child.progress * child.share / 100 for child in counted), abs_tol=1e-6
    )
    assert math.isclose(sum(child.share for child in counted), 100, abs_tol=1e-6)
    for child in counted:
        assert child.share == pytest.approx(100 * child.weight / child.siblings_weight)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(field_spec, min_size=1, max_size=3))
def test_region_tree_rolls_up_between_children(world, spec):
    region = world.region
    FieldOfAction.objects.filter(region=region).delete()
    day = datetime.date(2017, 4, 1)
    for field_number, (field_weight, goals) in enumerate(spec):
        field = FieldOfAction.objects.create(
            region=region, name=f"F{field_number}", weight=field_weight
        )
        for goal_weight, measures in goals:
            goal = Goal.objects.create(field=field, title="G", step=2, weight=goal_weight)
            for progress, weight, status in measures:
                Measure.objects.create(
                    goal=goal,
                    title="M",
                    starts_on=day,
                    ends_on=day,
                    progress=progress,
                    weight=weight,
                    status=status,
                )
    tree = region_progress(region)
    for field_node in tree.fields:
        for goal_node in field_node.children:
            for measure_node in goal_node.children:
                measure = measure_node.obj
                if measure.status == Measure.Status.DROPPED:
                    assert measure_node.progress is None and not measure_node.counted
                elif measure.status == Measure.Status.DONE:
                    assert measure_node.progress == 100
                else:
                    assert measure_node.progress == measure.progress
            _check(goal_node.children, goal_node.progress)
        _check(field_node.children, field_node.progress)
    _check(tree.fields, tree.overall)
    assert regions_progress([region])[region.pk] == tree.overall


def test_region_progress_has_a_fixed_number_of_queries(world, django_assert_num_queries):
    build_concept(world, measures=4)
    with django_assert_num_queries(4):
        small = region_progress(world.region)
    build_concept(world, measures=30, fields=3, prefix="B ")
    with django_assert_num_queries(4):
        large = region_progress(world.region)
    assert len(large.fields) > len(small.fields)


def test_regions_progress_for_a_list_has_a_fixed_number_of_queries(
    world, django_assert_num_queries
):
    build_concept(world, measures=6)
    other = make_region(world.staff, world.expert, world.coach, name="Rostock")
    with django_assert_num_queries(4):
        result = regions_progress([world.region, other])
    assert result[other.pk] is None
    assert result[world.region.pk] == region_progress(world.region).overall
