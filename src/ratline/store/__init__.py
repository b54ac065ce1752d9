"""Storage of extractions: one portable schema (schema.sql), SQLite by default."""
from ratline.store.sqlite import Store, schema_sql  # noqa: F401
