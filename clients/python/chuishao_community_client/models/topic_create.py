from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evidence_in import EvidenceIn


T = TypeVar("T", bound="TopicCreate")


@_attrs_define
class TopicCreate:
    """
    Attributes:
        community (str):
        question (str):
        title (str):
        evidence (list[EvidenceIn] | Unset):
    """

    community: str
    question: str
    title: str
    evidence: list[EvidenceIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        community = self.community

        question = self.question

        title = self.title

        evidence: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.evidence, Unset):
            evidence = []
            for evidence_item_data in self.evidence:
                evidence_item = evidence_item_data.to_dict()
                evidence.append(evidence_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "community": community,
                "question": question,
                "title": title,
            }
        )
        if evidence is not UNSET:
            field_dict["evidence"] = evidence

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.evidence_in import EvidenceIn

        d = dict(src_dict)
        community = d.pop("community")

        question = d.pop("question")

        title = d.pop("title")

        _evidence = d.pop("evidence", UNSET)
        evidence: list[EvidenceIn] | Unset = UNSET
        if _evidence is not UNSET:
            evidence = []
            for evidence_item_data in _evidence:
                evidence_item = EvidenceIn.from_dict(evidence_item_data)

                evidence.append(evidence_item)

        topic_create = cls(
            community=community,
            question=question,
            title=title,
            evidence=evidence,
        )

        return topic_create
