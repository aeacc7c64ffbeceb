"""Every sentence with a count in it has a plural form, so nobody reads "1 Bewerbungen" or
"für 1 Gespräche": the German catalogue is checked for counted messages without msgid_plural."""

import re
from pathlib import Path

import polib

CATALOGUE = Path(__file__).parents[2] / "src/inklusiv/locale/de/LC_MESSAGES/django.po"

# Placeholder names that hold a number of things. "count" (and a lone "n") always counts;
# the others count when a word follows them ("%(total)s decisions", "%(seconds)s seconds"),
# but not in "%(done)s of %(total)s" or "at most %(limit)s.", where no noun needs its number.
ALWAYS_COUNTS = {"count", "n"}
COUNTS_A_NOUN = {
    "total",
    "done",
    "needed",
    "capacity",
    "limit",
    "limit_value",
    "seconds",
    "minutes",
    "hours",
    "days",
    "buffer",
    "population",
    "applications",
    "reviews",
    "meetings",
    "participants",
    "members",
}
# Words after a number that are no counted noun: "at most %(limit)s are accepted",
# "%(limit)s million pixels", "%(done)s of %(total)s".
NOT_A_NOUN = {"of", "are", "is", "million", "per"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd](\s+([A-Za-z][A-Za-z-]+))?")


def counted_without_plural(po: polib.POFile) -> list[str]:
    found = []
    for entry in po:
        if entry.obsolete or entry.msgid_plural:
            continue
        for name, _gap, word in PLACEHOLDER.findall(entry.msgid):
            if name in ALWAYS_COUNTS or (name in COUNTS_A_NOUN and word and word not in NOT_A_NOUN):
                found.append(f"{entry.msgid!r} ({entry.occurrences[:1]})")
                break
    return found


def test_the_rule_catches_what_the_issue_found():
    po = polib.POFile()
    for msgid in (
        "%(count)s applications have been marked eligible.",
        "Invitations or updates have been sent for %(count)s meetings.",
        "%(total)s decisions recorded",
        "%(done)s of %(total)s",
        "Files may be at most %(limit)s.",
    ):
        po.append(polib.POEntry(msgid=msgid))
    assert len(counted_without_plural(po)) == 3


def test_every_counted_message_has_a_plural_form():
    missing = counted_without_plural(polib.pofile(str(CATALOGUE)))
    assert not missing, "Use ngettext / blocktranslate count for:\n" + "\n".join(missing)
