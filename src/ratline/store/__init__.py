"""Storage of extractions: one portable schema (schema.sql), SQLite by default,
PostgreSQL for teams (``postgresql://...``, through ``pgsql.py``)."""
from ratline.store.sqlite import (  # noqa: F401
    DatabaseError, IntegrityError, OperationalError, Store, StoreError, StoreMissing, exists,
    schema_sql,
)
