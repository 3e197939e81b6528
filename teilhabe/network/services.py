"""Every write of the network directory: staff and a partner's editors save its entry (the
same functions for the web pages, the admin and the HSDS import), and the HSDS import upserts
the directory from a file by the objects' ids."""

import uuid as uuid_module
from dataclasses import dataclass, field
from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.core.cache import invalidate_public_pages
from teilhabe.core.permissions import ensure_allowed

from . import hsds
from .models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    ServiceType,
)


def _changed() -> None:
    transaction.on_commit(invalidate_public_pages)


@transaction.atomic
def create_organization(*, organization: Organization, by, editors=None) -> Organization:
    ensure_allowed(by, "network.add_organization")
    organization.full_clean()
    organization.save()
    if editors is not None:
        organization.editors.set(editors)
    _changed()
    return organization


@transaction.atomic
def save_organization(*, organization: Organization, by, editors=None, phones=None) -> Organization:
    """Save a partner's entry; only staff change who its editors are and whether it is in the
    house. `phones`: the entry's phone numbers as (number, type, description) tuples."""
    ensure_allowed(by, "network.change_organization", organization)
    if not by.has_perm("network.add_organization") and organization.pk:
        stored = Organization.objects.get(pk=organization.pk)
        organization.is_in_house = stored.is_in_house
        organization.association_id = stored.association_id
        editors = None
    organization.full_clean()
    organization.save()
    if editors is not None:
        organization.editors.set(editors)
    if phones is not None:
        _replace_phones(organization.phones, phones, organization=organization)
    _changed()
    return organization


@transaction.atomic
def save_service(*, service: Service, by, locations=None, schedules=None) -> Service:
    """Save a service of an organization; `locations`: where it is offered (the
    organization's locations); `schedules`: its hours as (byday, opens_at, closes_at)."""
    ensure_allowed(by, "network.change_organization", service.organization)
    service.full_clean()
    service.save()
    if locations is not None:
        foreign = [loc for loc in locations if loc.organization_id != service.organization_id]
        if foreign:
            raise ValidationError(_("A service can only be offered at its own locations."))
        service.service_at_locations.exclude(location__in=locations).delete()
        present = set(service.service_at_locations.values_list("location_id", flat=True))
        for location in locations:
            if location.pk not in present:
                ServiceAtLocation.objects.create(service=service, location=location)
    if schedules is not None:
        _replace_schedules(service.schedules, schedules, service=service)
    _changed()
    return service


@transaction.atomic
def save_location(*, location: Location, by, schedules=None, phones=None) -> Location:
    ensure_allowed(by, "network.change_organization", location.organization)
    location.full_clean()
    location.save()
    if schedules is not None:
        _replace_schedules(location.schedules, schedules, location=location)
    if phones is not None:
        _replace_phones(location.phones, phones, location=location)
    _changed()
    return location


def _replace_schedules(manager, rows, **owner) -> None:
    manager.all().delete()
    for byday, opens_at, closes_at in rows:
        if opens_at >= closes_at:
            raise ValidationError(_("Opening hours must end after they begin."))
        Schedule.objects.create(byday=byday, opens_at=opens_at, closes_at=closes_at, **owner)


def _replace_phones(manager, rows, **owner) -> None:
    manager.all().delete()
    for number, kind, description in rows:
        Phone.objects.create(number=number, type=kind, description=description, **owner)


# --- HSDS import ------------------------------------------------------------------------------


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    dry_run: bool = False

    def count(self, kind: str, created: bool) -> None:
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())


class _Rejected(Exception):
    pass


def import_hsds(*, data, by=None, dry_run: bool = False) -> ImportReport:
    """Upsert the directory from a list of HSDS 3.0 service objects (as the export writes it):
    each service with its organization, locations, phones and schedules is imported whole or
    rejected with its reasons; a dry run reports the same and keeps nothing. `by`: the person
    importing (None for the management command)."""
    if by is not None:
        ensure_allowed(by, "network.import_hsds")
    report = ImportReport(dry_run=dry_run)
    if not isinstance(data, list):
        report.rejected.append(("file", _("The file must hold a list of HSDS service objects.")))
        return report
    with transaction.atomic():
        for index, item in enumerate(data):
            reference = f"#{index + 1}"
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                reference = f"#{index + 1} {item['id']}"
            errors = hsds.service_errors(item)
            if errors:
                report.rejected.append((reference, "; ".join(errors)))
                continue
            try:
                with transaction.atomic():
                    _import_service(item, report)
            except (_Rejected, ValidationError) as error:
                message = (
                    "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                )
                report.rejected.append((reference, message))
        if dry_run:
            transaction.set_rollback(True)
        else:
            _changed()
    return report


def _uuid(value) -> uuid_module.UUID:
    return uuid_module.UUID(str(value))


def _upsert(model, uuid_value, report: ImportReport, kind: str, **values):
    obj = model.objects.filter(uuid=_uuid(uuid_value)).first()
    created = obj is None
    if created:
        obj = model(uuid=_uuid(uuid_value))
    for name, value in values.items():
        setattr(obj, name, value)
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise _Rejected(f"{kind} {uuid_value}: {_describe(error)}") from None
    obj.save()
    report.count(kind, created)
    return obj


def _describe(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
    return " ".join(error.messages)


def _translated(item: dict, fields: tuple[str, ...]) -> dict:
    values = {}
    translations = item.get("x_translations") or {}
    for name in fields:
        values[f"{name}_{settings.LANGUAGE_CODE}"] = item.get(name) or ""
        for code in hsds.TRANSLATED:
            values[f"{name}_{code}"] = (translations.get(code) or {}).get(name) or None
    return values


def _import_organization(item: dict, report: ImportReport) -> Organization:
    values = {
        "name": item["name"],
        "email": item.get("email") or "",
        "website": item.get("website") or "",
        **_translated(item, ("description",)),
    }
    if "x_is_in_house" in item:
        values["is_in_house"] = item["x_is_in_house"]
    organization = _upsert(Organization, item["id"], report, "organization", **values)
    _import_phones(item.get("phones", []), report, organization=organization)
    for location in item.get("locations", []):
        _import_location(location, organization, report)
    return organization


def _import_location(item: dict, organization: Organization, report: ImportReport) -> Location:
    addresses = [a for a in item.get("addresses", []) if a.get("address_type") == "physical"]
    addresses = addresses or item.get("addresses", [])
    if not addresses:
        raise _Rejected(_("location %(id)s: it has no address.") % {"id": item["id"]})
    existing = Location.objects.filter(uuid=_uuid(item["id"])).first()
    if existing is not None and existing.organization_id != organization.pk:
        raise _Rejected(_("location %(id)s belongs to another organization.") % {"id": item["id"]})
    address = addresses[0]
    location = _upsert(
        Location,
        item["id"],
        report,
        "location",
        organization=organization,
        name=item.get("name") or address["address_1"],
        street=address["address_1"],
        postal_code=address["postal_code"],
        city=address["city"],
        district=address.get("region") or "",
    )
    _import_schedules(item.get("schedules", []), report, location=location)
    _import_phones(item.get("phones", []), report, location=location)
    return location


def _import_service(item: dict, report: ImportReport) -> Service:
    organization = _import_organization(item["organization"], report)
    if item.get("organization_id") and item["organization_id"] != item["organization"]["id"]:
        raise _Rejected(_("organization_id and the nested organization differ."))
    existing = Service.objects.filter(uuid=_uuid(item["id"])).first()
    if existing is not None and existing.organization_id != organization.pk:
        raise _Rejected(_("The service belongs to another organization."))
    service_type = ServiceType.OTHER
    for attribute in item.get("attributes", []):
        code = (attribute.get("taxonomy_term") or {}).get("code")
        if attribute.get("link_type") == "service_type" and code:
            if code not in ServiceType.values:
                raise _Rejected(_("Unknown type of service: %(code)s.") % {"code": code})
            service_type = code
    status = item["status"] if item["status"] in ServiceStatus.values else ServiceStatus.INACTIVE
    service = _upsert(
        Service,
        item["id"],
        report,
        "service",
        organization=organization,
        service_type=service_type,
        languages=[lang["code"] for lang in item.get("languages", []) if lang.get("code")],
        url=item.get("url") or "",
        email=item.get("email") or "",
        status=status,
        **_translated(item, ("name", "description")),
    )
    _import_schedules(item.get("schedules", []), report, service=service)
    _import_phones(item.get("phones", []), report, service=service)
    kept = []
    for sal in item.get("service_at_locations", []):
        location = _import_location(sal["location"], organization, report)
        link = ServiceAtLocation.objects.filter(uuid=_uuid(sal["id"])).first()
        other = ServiceAtLocation.objects.filter(service=service, location=location).first()
        if link is None and other is not None:
            other.delete()
        created = link is None
        link = link or ServiceAtLocation(uuid=_uuid(sal["id"]))
        link.service, link.location = service, location
        link.save()
        report.count("service_at_location", created)
        kept.append(link.pk)
    service.service_at_locations.exclude(pk__in=kept).delete()
    return service


def _parse_time(value: str) -> time:
    return time.fromisoformat(value if len(value) > 5 else f"{value}:00")


def _import_schedules(items: list, report: ImportReport, **owner) -> None:
    kept = []
    for item in items:
        if item["freq"] != "WEEKLY":
            raise _Rejected(_("schedule %(id)s: only weekly hours can be imported.") % item)
        opens_at, closes_at = _parse_time(item["opens_at"]), _parse_time(item["closes_at"])
        if opens_at >= closes_at:
            raise _Rejected(_("schedule %(id)s: the hours must end after they begin.") % item)
        days = item["byday"].split(",")
        for position, day in enumerate(days):
            # "MO,TU" becomes one row per day; the first keeps the file's id.
            uuid_value = item["id"] if position == 0 else hsds.derived_id(item["id"], day)
            schedule = _upsert(
                Schedule,
                uuid_value,
                report,
                "schedule",
                **{"service": None, "location": None, **owner},
                byday=day,
                opens_at=opens_at,
                closes_at=closes_at,
                description=item.get("description") or "",
            )
            kept.append(schedule.pk)
    (owner_obj,) = owner.values()
    owner_obj.schedules.exclude(pk__in=kept).delete()


def _import_phones(items: list, report: ImportReport, **owner) -> None:
    kept = []
    for item in items:
        phone = _upsert(
            Phone,
            item["id"],
            report,
            "phone",
            **{"organization": None, "service": None, "location": None, **owner},
            number=item["number"],
            type=item.get("type")
            if item.get("type") in ("voice", "cell", "fax", "text")
            else "voice",
            description=item.get("description") or "",
        )
        kept.append(phone.pk)
    (owner_obj,) = owner.values()
    owner_obj.phones.exclude(pk__in=kept).delete()
