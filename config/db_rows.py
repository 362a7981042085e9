"""Model instances from a hand-written statement (`UPDATE … RETURNING`, a lookup on the request path) without
`Model.objects.raw()`: a raw queryset reads the cursor's column descriptions and maps columns to fields by name on
every call, which costs more than the statement itself on the hot paths (a claim, a cache lookup). And the one
multi-row INSERT of a bulk request's new rows (`insert_new`)."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from django.db import connections
from django.db.models import Model, sql
from django.db.models.constants import OnConflict

# Per connection (each thread has its own), per model and deferred fields: the row converters (≈ 30 fields asked for
# their converters on every call cost as much as the statement's own Python work).
_CONVERTERS: WeakKeyDictionary = WeakKeyDictionary()


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
    compiler = connection.ops.compiler("SQLCompiler")(None, connection, using)
    cached = _CONVERTERS.setdefault(connection, {})
    key = (model, tuple(defer))
    if key not in cached:
        fields = _fields(model, defer)
        converters = compiler.get_converters([f.get_col(model._meta.db_table) for f in fields])
        cached[key] = ([f.attname for f in fields], converters)
    names, converters = cached[key]
    if converters:
        rows = compiler.apply_converters(rows, converters)
    return [model.from_db(using, names, list(row)) for row in rows]


def insert_new(objs: list[Model], *, using: str = "default") -> set | None:
    """One multi-row INSERT of `objs` (instances of one model, primary keys set) that leaves out every row a unique
    constraint refuses (`ON CONFLICT DO NOTHING`) instead of failing, and returns the primary keys it inserted; the
    inserted instances are marked saved. None when the database cannot say which rows went in (the caller then
    inserts them one by one)."""
    connection = connections[using]
    features = connection.features
    if not (features.supports_ignore_conflicts and features.can_return_rows_from_bulk_insert):
        return None
    model = type(objs[0])
    query = sql.InsertQuery(model, on_conflict=OnConflict.IGNORE)
    query.insert_values(model._meta.concrete_fields, objs)
    rows = query.get_compiler(using=using).execute_sql(returning_fields=[model._meta.pk])
    inserted = {row[0] for row in rows if row is not None}
    for obj in objs:
        if obj.pk in inserted:
            obj._state.adding, obj._state.db = False, using
    return inserted
