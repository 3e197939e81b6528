"""One place where every app says which personal data it holds about a user, so that a person
can download all of it and have it erased everywhere. Apps register in their AppConfig.ready();
`accounts.services` calls the registry."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None]


_sources: dict[str, PersonalDataSource] = {}


def register(name: str, *, export: Callable[[Any], Any], erase: Callable[[Any], None]) -> None:
    _sources[name] = PersonalDataSource(name=name, export=export, erase=erase)


def sources() -> list[PersonalDataSource]:
    return list(_sources.values())
