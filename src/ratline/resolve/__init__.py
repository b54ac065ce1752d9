"""Resolution: one entity per real thing across documents."""
