"""Settings: what to check and how, from defaults, config files and the command line."""
from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass
class Settings:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # code or prefix -> severity
    fail_on: str = "warning"
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    allowed_techniques: list[str] = field(default_factory=list)
    allowed_domains: list[str] = field(default_factory=list)
    blocked_domains: list[str] = field(default_factory=list)
    data_dirs: list[str] = field(default_factory=list)
    readability_target: float = 8.0
    model: str | None = None
    max_file_size: int = 5 * 1024 * 1024
    config_path: str | None = None

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def cache_key(self) -> tuple:
        """What changes the findings of a rule run (for caches and worker pools)."""
        return (tuple(self.allowed_techniques), tuple(self.allowed_domains), tuple(self.blocked_domains),
                tuple(self.data_dirs), self.readability_target, self.model)
