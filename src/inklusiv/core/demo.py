"""The demo registry: each app contributes a loader, run in pipeline order by `load_demo`."""

from importlib import import_module

# Pipeline order; later issues append their app here.
DEMO_MODULES = [
    "inklusiv.accounts.demo",
    "inklusiv.calls.demo",
    "inklusiv.applications.demo",
    "inklusiv.selection.demo",
    "inklusiv.visits.demo",
    "inklusiv.core.demo_core",
]


def load_all():
    """Run every app's demo loader; each one is idempotent. Returns the printed logins."""
    logins = []
    for name in DEMO_MODULES:
        result = import_module(name).load()
        if result:
            logins.extend(result)
    return logins
