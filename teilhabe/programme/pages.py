"""Sections that higher apps add to an offer's public page (e.g. who translated it),
registered in their AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class OfferSection:
    order: int
    template: str
    context: Callable[[object], dict]


_sections: list[OfferSection] = []


def register_offer_section(*, order: int, template: str, context) -> None:
    if not any(s.template == template for s in _sections):
        _sections.append(OfferSection(order, template, context))
        _sections.sort(key=lambda s: s.order)


def offer_sections(offer) -> list[dict]:
    return [{"template": s.template, **s.context(offer)} for s in _sections]
