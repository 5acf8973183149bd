"""The one exception an audit raises for a problem the user can fix (a bad option, folder or cluster)."""
from __future__ import annotations


class AuditError(Exception):
    """An audit that cannot start or go on; the message names the file, folder or address and what to do."""
