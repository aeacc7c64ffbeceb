"""Database helpers that behave the same on SQLite and PostgreSQL."""

from django.db.models import CharField, Func

SQLITE_LOWER = "inklusiv_lower"


class UnicodeLower(Func):
    """LOWER() that also folds Ä, Ö, Ü, É …: SQLite's built-in LOWER() folds only ASCII.

    On SQLite it calls Python's str.lower, registered on every connection (core/apps.py);
    PostgreSQL's LOWER() already folds Unicode.
    """

    function = "LOWER"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function=SQLITE_LOWER, **extra_context)


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_LOWER,
            1,
            lambda value: value.lower() if value is not None else None,
            deterministic=True,
        )
