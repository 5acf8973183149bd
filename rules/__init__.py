"""Built-in rule modules, one per rule family, and the knowledge they read (``data/``)."""
