from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evidence_in import EvidenceIn
    from ..models.person_in import PersonIn


T = TypeVar("T", bound="TopicSet")


@_attrs_define
class TopicSet:
    """
    Attributes:
        question (str):
        evidence (list[EvidenceIn] | None | Unset):
        participants (list[PersonIn] | Unset):
        title (None | str | Unset):
    """

    question: str
    evidence: list[EvidenceIn] | None | Unset = UNSET
    participants: list[PersonIn] | Unset = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        question = self.question

        evidence: list[dict[str, Any]] | None | Unset
        if isinstance(self.evidence, Unset):
            evidence = UNSET
        elif isinstance(self.evidence, list):
            evidence = []
            for evidence_type_0_item_data in self.evidence:
                evidence_type_0_item = evidence_type_0_item_data.to_dict()
                evidence.append(evidence_type_0_item)

        else:
            evidence = self.evidence

        participants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.participants, Unset):
            participants = []
            for participants_item_data in self.participants:
                participants_item = participants_item_data.to_dict()
                participants.append(participants_item)

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "question": question,
            }
        )
        if evidence is not UNSET:
            field_dict["evidence"] = evidence
        if participants is not UNSET:
            field_dict["participants"] = participants
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.evidence_in import EvidenceIn
        from ..models.person_in import PersonIn

        d = dict(src_dict)
        question = d.pop("question")

        def _parse_evidence(data: object) -> list[EvidenceIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                evidence_type_0 = []
                _evidence_type_0 = data
                for evidence_type_0_item_data in _evidence_type_0:
                    evidence_type_0_item = EvidenceIn.from_dict(
                        evidence_type_0_item_data
                    )

                    evidence_type_0.append(evidence_type_0_item)

                return evidence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[EvidenceIn] | None | Unset, data)

        evidence = _parse_evidence(d.pop("evidence", UNSET))

        _participants = d.pop("participants", UNSET)
        participants: list[PersonIn] | Unset = UNSET
        if _participants is not UNSET:
            participants = []
            for participants_item_data in _participants:
                participants_item = PersonIn.from_dict(participants_item_data)

                participants.append(participants_item)

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        topic_set = cls(
            question=question,
            evidence=evidence,
            participants=participants,
            title=title,
        )

        return topic_set
