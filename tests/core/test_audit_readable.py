"""The audit log as people read it: every action of the demo has a translated label, values
show names instead of ids, choices by their label, dates in Berlin time; filters, the CSV
export and a constant number of queries."""

import ast
import csv
import html
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

import inklusiv
from inklusiv.accounts import services as account_services
from inklusiv.accounts.models import Role, User
from inklusiv.core import audit
from inklusiv.core.models import AuditEntry

from ..factories import make_user

pytestmark = pytest.mark.django_db

# Labels whose value is a quantity, where "Label: 12" is a number and not a bare id.
QUANTITIES = {
    "de": {
        "Version",
        "Gesamt",
        "Anzahl",
        "Zeilen",
        "Bewerbungen",
        "Neue Zuteilungen",
        "Gutachten je Bewerbung",
        "Treffer bei der Expertise",
        "Neue Zuteilungen mit passenden fachlichen Schwerpunkten",
        "Höchstzahl an Gutachten eines Mitglieds",
        "Angebotene Termine",
        "Weitergekommen",
        "Nicht weitergekommen",
        "Reisetage",
        "Gespräche zu Terminen mit „wenn nötig“",
        "Anzahl der Teilnehmenden",
        "Version der Einladung",
        "Überarbeitung",
        "Einwohnerzahl",
        "Mindestgruppengröße",
        "Jahr der Welle",
    },
    "en": {
        "Version",
        "Total",
        "Number",
        "Rows",
        "Applications",
        "New assignments",
        "Reviews per application",
        "Matches of expertise",
        "New assignments with matching expertise",
        "Most reviews for one member",
        "Times offered",
        "Advanced",
        "Not advanced",
        "Travel days",
        "Meetings at times marked “if need be”",
        "Number of participants",
        "Minimum group size",
        "Year of the wave",
        "Version of the invitation",
        "Revision",
        "Population",
    },
}
REPR = re.compile(r"\['|\{'|\bNone\b|\bTrue\b|\bFalse\b")
MACHINE_WORD = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _table_text(response) -> str:
    content = response.content.decode()
    start = content.index("<table")
    table = content[start : content.index("</table>", start)]
    table = re.sub(r"</(div|li|td|tr)>", "\n", table)
    text = html.unescape(re.sub(r"<[^>]+>", " ", table))
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())


def _field_labels() -> set[str]:
    """Every label a value key can have, in the current language."""
    specs = list(audit._FIELDS.values())
    for action in audit._ACTIONS.values():
        specs.extend(action.fields.values())
    labels = {str(spec.label) for spec in specs}
    for model in apps.get_models():
        labels |= {str(capfirst(field.verbose_name)) for field in model._meta.fields}
    return labels


def _assert_readable(text: str, language: str, actions: set[str], where: str) -> None:
    for key in actions:
        assert key not in text, f"raw action key {key} on {where}"
    assert not REPR.search(text), f"Python repr on {where}: {REPR.search(text).group()}"
    # "Runde: 2" is a bare id; "Gesamt: 9" a quantity and "Andreas Vogt: 41" a count per person.
    suspicious = _field_labels() - QUANTITIES[language]
    for line in text.splitlines():
        bare = re.search(r"([^:]+): \d+$", line)
        if bare:
            label = re.sub(r"^(vorher|nachher|before|after) ", "", bare.group(1).strip())
            assert label not in suspicious, f"bare id on {where}: {line}"


def _assert_labels_readable(rows, where: str) -> None:
    for row in rows:
        labels = [row.action, row.actor, row.object_type] + [c.label for c in row.changes]
        for label in labels:
            assert not MACHINE_WORD.search(label), f"machine key {label!r} on {where}"
            assert "_" not in label, f"underscore in {label!r} on {where}"


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


def test_every_recorded_action_of_the_demo_reads_as_people_read_it(client, demo):
    staff = User.objects.filter(role_grants__role=Role.FUNDER_STAFF).first()
    client.force_login(staff)
    audit.unlabelled.clear()
    actions = set(AuditEntry.objects.order_by().values_list("action", flat=True).distinct())
    assert len(actions) > 40
    unregistered = sorted(key for key in actions if not audit.is_registered(key))
    assert unregistered == [], f"actions without a label: {unregistered}"
    for language in ("de", "en"):
        with translation.override(language):
            url = reverse("core:audit_log")
            for action in sorted(actions):
                response = client.get(url, {"action": action})
                assert response.status_code == 200
                where = f"{url}?action={action}"
                _assert_readable(_table_text(response), language, actions, where)
                entries = AuditEntry.objects.filter(action=action).select_related("actor")[:20]
                _assert_labels_readable(audit.present(entries), where)
            seen = (
                AuditEntry.objects.order_by("content_type_id")
                .values_list("content_type_id", flat=True)
                .distinct()
            )
            for content_type_id in seen:
                entry = AuditEntry.objects.filter(content_type_id=content_type_id).first()
                history = reverse("core:object_history", args=[content_type_id, entry.object_id])
                response = client.get(history)
                assert response.status_code == 200
                _assert_readable(_table_text(response), language, actions, history)
    assert audit.unlabelled == set(), f"value keys without a label: {sorted(audit.unlabelled)}"


# --- smaller worlds: filters, export, refusals, queries ---------------------------------


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_status_changes_name_both_states_and_values_show_names(staff_client, staff, applicant):
    account_services.set_roles(actor=staff, user=applicant, roles=[Role.EVALUATOR])
    with translation.override("de"):
        text = _table_text(staff_client.get(reverse("core:audit_log")))
    assert "Rollen geändert" in text
    assert "Wissenschaftliche Begleitung" in text
    assert "roles_changed" not in text and "evaluator" not in text


def test_dates_in_values_show_in_berlin_time_in_the_page_language(staff_client, staff):
    audit.record(
        actor=staff,
        obj=staff,
        action="application_extension_granted",
        before={"extended_until": None},
        after={"extended_until": "2026-12-04T22:30:00Z"},
    )
    with translation.override("de"):
        german = _table_text(staff_client.get(reverse("core:audit_log")))
    with translation.override("en"):
        english = _table_text(staff_client.get(reverse("core:audit_log")))
    assert "Frist verlängert" in german and "4. Dezember 2026 23:30" in german
    assert "Deadline extended" in english and "4 December 2026, 23:30" in english


def _entry(actor, obj, action, moment, **values):
    entry = audit.record(actor=actor, obj=obj, action=action, **values)
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=moment)
    return entry


def test_the_log_filters_by_person_kind_action_and_dates(staff_client, staff, applicant):
    organisation = applicant.memberships.get().organisation
    _entry(staff, applicant, "roles_changed", datetime(2026, 3, 1, 10, tzinfo=UTC))
    _entry(applicant, applicant, "profile_updated", datetime(2026, 3, 2, 22, 30, tzinfo=UTC))
    _entry(staff, organisation, "organisation_updated", datetime(2026, 3, 5, 10, tzinfo=UTC))
    url = reverse("core:audit_log")

    def actions(**query):
        rows = staff_client.get(url, query).context["page_obj"].object_list
        return [row.entry.action for row in rows]

    assert actions(person="lehmann") == ["profile_updated"]
    assert actions(person="staff@inklusiv") == ["organisation_updated", "roles_changed"]
    organisation_type = ContentType.objects.get_for_model(organisation)
    assert actions(content_type=organisation_type.pk) == ["organisation_updated"]
    assert actions(action="roles_changed") == ["roles_changed"]
    # 22:30 UTC on 2 March is 23:30 in Berlin, still the 2nd; the 3rd has nothing.
    assert actions(since="2026-03-02", until="2026-03-02") == ["profile_updated"]
    assert actions(since="2026-03-03") == ["organisation_updated"]
    # An end before the start is said at the field, and nothing is filtered away silently.
    response = staff_client.get(url, {"since": "2026-03-05", "until": "2026-03-01"})
    assert response.context["form"].errors["until"]


def test_the_filter_stays_in_the_pagination_links(staff_client, staff, applicant, settings):
    settings.PAGINATE_BY = 2
    for _ in range(3):
        audit.record(actor=staff, obj=applicant, action="roles_changed")
    audit.record(actor=staff, obj=staff, action="profile_updated")
    response = staff_client.get(reverse("core:audit_log"), {"action": "roles_changed"})
    assert "action=roles_changed&amp;page=2" in response.content.decode()


def test_the_export_reads_like_the_page_and_is_itself_audited(staff_client, staff, applicant):
    account_services.set_roles(actor=staff, user=applicant, roles=[Role.EVALUATOR])
    with translation.override("de"):
        url = reverse("core:audit_export")
    response = staff_client.get(url, {"action": "roles_changed"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:2] == ["Zeitpunkt", "Wer"]
    assert len(rows) == 2
    assert rows[1][1] == "Miriam Albers" and rows[1][4] == "Rollen geändert"
    assert "Wissenschaftliche Begleitung" in rows[1][5]
    exported = AuditEntry.objects.get(action="audit_log_exported")
    assert exported.actor == staff and exported.after["rows"] == 1


@pytest.mark.parametrize("who", ["anonymous", "applicant", "programme_expert"])
def test_only_funder_staff_export_the_log(client, staff, who):
    audit.record(actor=staff, obj=staff, action="profile_updated")
    if who != "anonymous":
        client.force_login(make_user(who, email=f"{who}@example.org"))
    response = client.get(reverse("core:audit_export"))
    assert response.status_code in (302, 403, 404)
    assert not AuditEntry.objects.filter(action="audit_log_exported").exists()


def _many_entries(staff, count):
    start = AuditEntry.objects.count()
    people = [
        make_user("applicant", email=f"p{start + index}@example.org") for index in range(count)
    ]
    for person in people:
        audit.record(
            actor=person,
            obj=staff,
            action="commission_member_added",
            after={"user": staff.pk, "reviewer": person.pk, "expertise": ["housing"]},
        )


def test_the_pages_cost_the_same_queries_whatever_the_entries(
    staff_client, staff, django_assert_max_num_queries
):
    history = reverse(
        "core:object_history", args=[ContentType.objects.get_for_model(User).pk, staff.pk]
    )
    counts = []
    for more in (3, 27):
        _many_entries(staff, more)
        for url in (reverse("core:audit_log"), history):
            with django_assert_max_num_queries(16) as queries:
                response = staff_client.get(url)
            assert response.status_code == 200
            counts.append(len(queries.captured_queries))
    # Every name on the page (members, reviewers) comes from one query, not one per entry.
    assert counts[:2] == counts[2:]


def test_a_long_list_shows_its_start_on_the_page_and_whole_in_the_export(staff_client, staff):
    names = [f"mail-{index:02}.eml" for index in range(25)]
    audit.record(actor=staff, obj=staff, action="outbox_listed", after={"messages": names})
    with translation.override("de"):
        page = _table_text(staff_client.get(reverse("core:audit_log")))
        export = staff_client.get(reverse("core:audit_export"))
    assert "mail-19.eml" in page and "mail-20.eml" not in page
    assert "und 5 weitere" in page
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "mail-24.eml" in text and "weitere" not in text


def _recorded_keys_in_source() -> set[tuple[str, str]]:
    """Every literal action key passed to audit.record() in the product's code."""
    root = Path(inklusiv.__file__).parent
    keys = set()
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name != "record":
                continue
            for keyword in node.keywords:
                if keyword.arg != "action":
                    continue
                values = [keyword.value]
                if isinstance(keyword.value, ast.IfExp):
                    values = [keyword.value.body, keyword.value.orelse]
                for value in values:
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        keys.add((value.value, str(path.relative_to(root))))
    return keys


def test_every_action_the_code_records_has_a_label():
    """Also the actions the demo never takes (a reminder, a cancelled batch, an export)."""
    keys = _recorded_keys_in_source()
    assert len(keys) > 60
    unlabelled = sorted(f"{key} ({path})" for key, path in keys if not audit.is_registered(key))
    assert unlabelled == [], "actions without a label in <app>/audit_actions.py: " + ", ".join(
        unlabelled
    )


def test_an_export_with_unreadable_dates_goes_back_to_the_form_not_the_whole_log(
    staff_client, staff
):
    audit.record(actor=staff, obj=staff, action="profile_updated")
    query = {"since": "2026-03-05", "until": "2026-03-01"}
    response = staff_client.get(reverse("core:audit_export"), query)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:audit_log") + "?")
    form = staff_client.get(response["Location"]).context["form"]
    assert form.errors["until"]
    assert not AuditEntry.objects.filter(action="audit_log_exported").exists()


def test_an_unchanged_reference_says_whom_the_change_concerns(staff_client, staff, applicant):
    audit.record(
        actor=staff,
        obj=staff,
        action="commission_member_changed",
        before={"user": applicant.pk, "max_reviews": 3},
        after={"user": applicant.pk, "max_reviews": 5},
    )
    with translation.override("de"):
        text = _table_text(staff_client.get(reverse("core:audit_log")))
    text = re.sub(r"\s+", " ", text)
    assert "Person : Katrin Lehmann" in text
    assert "Höchstens Gutachten : vorher 3 nachher 5" in text
