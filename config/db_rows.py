"""Model instances from a hand-written statement (`UPDATE … RETURNING`, a lookup on the request path) without
`Model.objects.raw()`: a raw queryset reads the cursor's column descriptions and maps columns to fields by name on
every call, which costs more than the statement itself on the hot paths (a claim, a cache lookup)."""

from __future__ import annotations

from django.db import connections
from django.db.models import Model


def _fields(model: type[Model], defer: tuple = ()) -> list:
    return [f for f in model._meta.concrete_fields if f.attname not in defer]


def columns(model: type[Model], *, using: str = "default", defer: tuple = ()) -> str:
    """The column list that `fetch_instances` expects: every concrete field but `defer`, in the model's order."""
    quote = connections[using].ops.quote_name
    return ", ".join(quote(f.column) for f in _fields(model, defer))


def fetch_instances(model: type[Model], sql: str, params, *, using: str = "default", defer: tuple = ()) -> list:
    """Run `sql` (which returns `columns(model, defer=defer)`) and build its rows as `model` instances, converted as
    the ORM converts them (JSON, dates), `defer` left unloaded."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return []
    fields = _fields(model, defer)
    compiler = connection.ops.compiler("SQLCompiler")(None, connection, using)
    converters = compiler.get_converters([f.get_col(model._meta.db_table) for f in fields])
    if converters:
        rows = compiler.apply_converters(rows, converters)
    names = [f.attname for f in fields]
    return [model.from_db(using, names, list(row)) for row in rows]
