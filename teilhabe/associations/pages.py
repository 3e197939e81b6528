"""Sections that higher apps add to an association's public page (its contribution to the
joint programme), registered in their AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class AssociationSection:
    order: int
    template: str
    context: Callable[[object], dict]


_sections: list[AssociationSection] = []


def register_association_section(*, order: int, template: str, context) -> None:
    if not any(s.template == template for s in _sections):
        _sections.append(AssociationSection(order, template, context))
        _sections.sort(key=lambda s: s.order)


def association_sections(association) -> list[dict]:
    return [{"template": s.template, **s.context(association)} for s in _sections]
