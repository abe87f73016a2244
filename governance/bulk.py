"""Write thousands of rows in one SQL statement each, with their history rows.

Django's bulk_create sends one INSERT per batch, and on SQLite a batch holds at most 999
values (a 10,000-row import took ~250 statements); it also builds a model instance and
prepares every value through its field, which costs more than the database's work. Here the
rows travel as one JSON parameter that the database unpacks itself (SQLite's json_each,
PostgreSQL's jsonb_array_elements), so one statement inserts any number of rows.

Callers pass values as the database stores them (ids, strings, booleans). History rows are
copied from the table after the write (`copy_to_history`), so they hold exactly what was
stored. Only our own table and column names are put into the SQL; every value is a parameter.

Bulk statements send no signals: history rows are written here, as simple-history's
bulk_create_with_history would, and grants are re-derived by the caller
(governance.services.resync_people).
"""

import datetime
import json

from django.db import connection
from django.utils import timezone


def _json(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _column(model, attname):
    field = next(f for f in model._meta.concrete_fields if f.attname == attname)
    # varchar, not varchar(200): PostgreSQL's explicit cast would cut a long value silently,
    # where storing it into the column refuses it.
    return field.column, field.db_type(connection).split("(")[0]


def insert(model, columns, rows, *, returning=(), ignore_conflicts=False):
    """Insert `rows` (tuples in the order of `columns`, attnames) in one statement; with
    `ignore_conflicts`, a row that a unique constraint already holds is left out.

    Returns the `returning` columns of the new rows sorted by the first (the primary key):
    ids are handed out in the order the rows are inserted, so that is the order of `rows`."""
    rows = list(rows)
    if not rows:
        return []
    quote = connection.ops.quote_name
    targets = [_column(model, name) for name in columns]
    data = json.dumps([[_json(v) for v in row] for row in rows], separators=(",", ":"))
    if connection.vendor == "postgresql":
        values = [f"(r->>{i})::{db_type}" for i, (_c, db_type) in enumerate(targets)]
        source = "FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS j(r, n) ORDER BY n"
    else:
        values = [f"json_extract(value, '$[{i}]')" for i in range(len(columns))]
        source = "FROM json_each(%s) ORDER BY key"
    verb = "INSERT OR IGNORE INTO" if ignore_conflicts and connection.vendor == "sqlite" else "INSERT INTO"
    sql = (f"{verb} {quote(model._meta.db_table)} ({', '.join(quote(c) for c, _t in targets)}) "
           f"SELECT {', '.join(values)} {source}")
    if ignore_conflicts and connection.vendor == "postgresql":
        sql += " ON CONFLICT DO NOTHING"
    if returning:
        sql += " RETURNING " + ", ".join(quote(_column(model, name)[0]) for name in returning)
    with connection.cursor() as cursor:
        cursor.execute(sql, [data])
        return sorted(cursor.fetchall()) if returning else []


def insert_ids(model, columns, rows) -> list:
    """`insert`, returning the new primary keys in the order of `rows`."""
    return [row[0] for row in insert(model, columns, rows, returning=[model._meta.pk.attname])]


def _ids_source(param_index_sql="%s"):
    if connection.vendor == "postgresql":
        return f"SELECT (jsonb_array_elements_text({param_index_sql}::jsonb))::bigint"
    return f"SELECT value FROM json_each({param_index_sql})"  # noqa: S608 - our own names


def update(model, columns, rows):
    """Set `columns` (attnames) of many rows in one statement; each row is (pk, *values)."""
    rows = list(rows)
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk_column = quote(model._meta.pk.column)
    targets = [_column(model, name) for name in columns]
    data = json.dumps([[_json(v) for v in row] for row in rows], separators=(",", ":"))
    if connection.vendor == "postgresql":
        sets = [f"{quote(c)} = (j.r->>{i + 1})::{t}" for i, (c, t) in enumerate(targets)]
        sql = (f"UPDATE {table} SET {', '.join(sets)} FROM jsonb_array_elements(%s::jsonb) AS j(r) "  # noqa: S608 - our own names
               f"WHERE {table}.{pk_column} = (j.r->>0)::bigint")
    else:
        sets = [f"{quote(c)} = json_extract(j.value, '$[{i + 1}]')" for i, (c, _t) in enumerate(targets)]
        sql = (f"UPDATE {table} SET {', '.join(sets)} FROM json_each(%s) AS j "  # noqa: S608 - our own names
               f"WHERE {table}.{pk_column} = json_extract(j.value, '$[0]')")
    with connection.cursor() as cursor:
        cursor.execute(sql, [data])


def delete(model, ids):
    """Delete these rows in one statement, without signals (the caller writes their history)."""
    ids = list(ids)
    if ids:
        model._base_manager.filter(pk__in=ids)._raw_delete(connection.alias)


def history_columns(model) -> list:
    """The tracked fields (attnames) that a history row copies from the object."""
    tracked = model.history.model
    own = {f.attname for f in model._meta.concrete_fields}
    return [f.attname for f in tracked._meta.concrete_fields if f.attname in own]


def copy_to_history(model, ids, *, history_type, user=None, reason="") -> list:
    """A history row for each of these rows as the table holds them now ('+' created,
    '~' changed, '-' about to be deleted), as simple-history records them, in one statement.

    Returns [(history id, object id)] in the order they were written."""
    ids = list(ids)
    if not ids:
        return []
    quote = connection.ops.quote_name
    history = model.history.model
    columns = history_columns(model)
    constants = {"history_date": timezone.now(), "history_type": history_type,
                 "history_change_reason": reason or None, "history_user_id": getattr(user, "pk", user)}
    targets = [_column(history, name)[0] for name in [*columns, *constants]]
    sources = [f"t.{quote(_column(model, name)[0])}" for name in columns]
    if connection.vendor == "postgresql":
        sources += [f"%s::{_column(history, name)[1]}" for name in constants]
    else:
        sources += ["%s"] * len(constants)
    params = [connection.ops.adapt_datetimefield_value(v) if isinstance(v, datetime.datetime) else v
              for v in constants.values()]
    sql = (f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(quote(c) for c in targets)}) "  # noqa: S608 - our own names
           f"SELECT {', '.join(sources)} FROM {quote(model._meta.db_table)} t "
           f"WHERE t.{quote(model._meta.pk.column)} IN ({_ids_source()}) "
           f"ORDER BY t.{quote(model._meta.pk.column)} "
           f"RETURNING {quote(history._meta.pk.column)}, {quote(_column(history, model._meta.pk.attname)[0])}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, json.dumps(ids)])
        return sorted(cursor.fetchall())


def copy_m2m_history(model, field_name, history_ids):
    """simple-history's m2m history for these history rows: each keeps the links
    (`field_name`) its object has now, in one statement."""
    history_ids = list(history_ids)
    if not history_ids:
        return
    quote = connection.ops.quote_name
    history = model.history.model
    m2m_history = getattr(history, field_name).model
    through = model._meta.get_field(field_name).remote_field.through
    link_columns = [f.column for f in through._meta.concrete_fields]  # id, <model>_id, <other>_id
    source_column = model._meta.get_field(field_name).m2m_column_name()
    history_fk = next(f.column for f in m2m_history._meta.concrete_fields
                      if f.is_relation and f.related_model is history)
    own_pk = _column(history, model._meta.pk.attname)[0]
    columns = [*link_columns, history_fk]
    sql = (f"INSERT INTO {quote(m2m_history._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608 - our own names
           f"SELECT {', '.join(f'l.{quote(c)}' for c in link_columns)}, h.{quote(history._meta.pk.column)} "
           f"FROM {quote(history._meta.db_table)} h "
           f"JOIN {quote(through._meta.db_table)} l ON l.{quote(source_column)} = h.{quote(own_pk)} "
           f"WHERE h.{quote(history._meta.pk.column)} IN ({_ids_source()})")
    with connection.cursor() as cursor:
        cursor.execute(sql, [json.dumps(history_ids)])
