"""healthlint: a content-quality linter for health articles.

``import healthlint`` stays cheap (no spaCy): the API names below load on first use.
"""

__version__ = "0.1.0"

_API = {"check_text": "api", "Linter": "engine", "Settings": "config", "Finding": "finding", "Fix": "finding",
        "Edit": "finding", "FileResult": "engine"}
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        import importlib

        value = getattr(importlib.import_module(f"{__name__}.{_API[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'healthlint' has no attribute {name!r}")
