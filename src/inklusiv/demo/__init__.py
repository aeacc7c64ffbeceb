"""The demo: the story of the seed, the 2016 call of „Kommune Inklusiv", told in chapters.

Each chapter is one module and goes on where the previous one ends; read them in this order:

1. people: one login per role, and the provider organisations of the story;
2. call: the initiative, its 2016 call and an open call for 2027;
3. expressions_of_interest: the 129 expressions of interest of 2016 (Neuruppin's through
   every step), and drafts to the 2027 call;
4. selection: the commission's first round, up to the ten advanced and the 119 declined;
5. onsite_meetings: the second round's on-site meetings, up to the six pilot regions;
6. accessibility_feedback: one barrier report in the staff's inbox;
7. second_wave: the open 2027 call's first expressions of interest, one waiting for its
   formal check and three in review, two of them with Prof. Keller;
8. pilot_phase: the six pilot regions from 1 March 2017 to today – structures, network,
   inclusion concept, coaching, tasks and yearly reports;
9. trainings: the 2017 programme of trainings and online seminars for the regions, and a
   refresher coming up in the next days;
10. evaluation: the scientific evaluation – impact models, indicators with targets and values
    for 2017–2019, the attitude survey of 2017 and 2019, Level-1 questionnaires, reports, and
    a network survey open today.

Every chapter writes through the apps' services, as the pages do, and is idempotent: loading
the demo again keeps what exists. The product apps hold no demo code; a later chapter of the
story (the pilot phase) is a new module here, appended to CHAPTERS.
"""

from importlib import import_module

CHAPTERS = [
    "people",
    "call",
    "expressions_of_interest",
    "selection",
    "onsite_meetings",
    "accessibility_feedback",
    "second_wave",
    "pilot_phase",
    "trainings",
    "evaluation",
]


def load() -> list[tuple[str, str, bool]]:
    """Run the chapters in order; return the logins to print, (role label, e-mail, mfa)."""
    logins = []
    for chapter in CHAPTERS:
        logins.extend(import_module(f"{__name__}.{chapter}").load() or [])
    return logins
