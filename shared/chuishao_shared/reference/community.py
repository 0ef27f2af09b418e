"""The community side's taxonomies: volunteer skills and need kinds (`data/community.yaml`), each with
a stable code and a Chinese and an English name."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from chuishao_shared.reference.loader import DEFAULT_DATA_DIR

COMMUNITY_FILE = "community.yaml"


class Term(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)


class CommunityTaxonomy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    skills: tuple[Term, ...]
    need_kinds: tuple[Term, ...]
    # need kind → the resource kinds that can answer it (the map's gap view)
    served_by: dict[str, tuple[str, ...]] = Field(default_factory=dict)

    def kinds_serving(self, need_kind: str) -> tuple[str, ...]:
        return self.served_by.get(need_kind, ())

    @property
    def skill_codes(self) -> frozenset[str]:
        return frozenset(t.code for t in self.skills)

    @property
    def need_kind_codes(self) -> frozenset[str]:
        return frozenset(t.code for t in self.need_kinds)


def load_taxonomy(data_dir: Path | str | None = None) -> CommunityTaxonomy:
    directory = Path(data_dir) if data_dir else DEFAULT_DATA_DIR
    path = directory / COMMUNITY_FILE
    if not path.exists():  # a city's own reference directory may not carry it: the kept one applies
        path = DEFAULT_DATA_DIR / COMMUNITY_FILE
    taxonomy = CommunityTaxonomy.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    for name, terms in (("skills", taxonomy.skills), ("need_kinds", taxonomy.need_kinds)):
        codes = [t.code for t in terms]
        if len(codes) != len(set(codes)):
            raise ValueError(f"{path}: {name} repeat a code")
    unknown = sorted(set(taxonomy.served_by) - taxonomy.need_kind_codes)
    if unknown:
        raise ValueError(f"{path}: served_by names need kinds that do not exist: {', '.join(unknown)}")
    return taxonomy


@lru_cache(maxsize=1)
def default_taxonomy() -> CommunityTaxonomy:
    return load_taxonomy()
