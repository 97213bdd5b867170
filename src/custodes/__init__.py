"""custodes."""
