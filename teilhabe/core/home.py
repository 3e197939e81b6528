"""Sections of the home page. Each app that has something to show there registers a
template and a function giving its context, so core stays free of domain imports."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomeSection:
    order: int
    template: str
    context: Callable[[], dict]


_sections: list[HomeSection] = []


def register_home_section(*, order: int, template: str, context: Callable[[], dict]) -> None:
    if not any(s.template == template for s in _sections):
        _sections.append(HomeSection(order, template, context))
        _sections.sort(key=lambda s: s.order)


def home_sections() -> list[dict]:
    return [{"template": s.template, **s.context()} for s in _sections]
