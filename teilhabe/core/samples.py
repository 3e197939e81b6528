"""The sample centre is built by each app's `sample.py` module, in the order of
INSTALLED_APPS, so that every app adds its own part without core knowing any of them."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


def sample_builders():
    for config in apps.get_app_configs():
        if not config.name.startswith("teilhabe."):
            continue
        module_name = f"{config.name}.sample"
        if find_spec(module_name) is not None:
            module = import_module(module_name)
            yield config.label, module.build


class SampleContext:
    """Shared by the builders: the sample password and the logins to print at the end."""

    def __init__(self, *, password: str):
        self.password = password
        self.logins: list[tuple[str, str]] = []

    def add_login(self, role: str, email: str) -> None:
        if (role, email) not in self.logins:
            self.logins.append((role, email))
