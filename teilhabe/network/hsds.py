"""The directory in Open Referral HSDS 3.0: the export builds a list of HSDS "service" objects,
each with its organization (and the organization's locations and phones), its
service_at_locations → location → addresses, phones, schedules, languages and its type as an
attribute; `SCHEMA` is our own JSON Schema of the fields we use, written from the HSDS 3.0
field definitions — NOT the official published schema, which is not available here. See
docs/hsds.md for the mapping and the two extensions (`x_translations`, `x_is_in_house`)."""

import json
import uuid

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import override

from teilhabe.core.cache import public_pages_version
from teilhabe.core.languages import language_name

from .models import Location, Organization, Phone, Schedule, Service, ServiceType

# Ids HSDS needs that our model derives instead of storing: an address (one per location), a
# language of a service and the taxonomy term of a service type are named from their owner.
ID_NAMESPACE = uuid.UUID("6f1b8a52-6a55-4c3f-9d1e-5b1f0f6c2a10")
TAXONOMY = "teilhabe-service-type"
STATE_PROVINCE = getattr(settings, "NETWORK_STATE_PROVINCE", "Thüringen")
COUNTRY = "DE"
TRANSLATED = ("en", "ar", "uk", "ru", "tr", "fa")


def derived_id(owner, kind: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, f"{owner}:{kind}"))


def _or_null(value: str):
    return value or None


def _time(value) -> str:
    return value.strftime("%H:%M")


def _translations(obj, fields: tuple[str, ...]) -> dict:
    result = {}
    for code in TRANSLATED:
        values = {f: getattr(obj, f"{f}_{code}", None) for f in fields}
        values = {f: v for f, v in values.items() if v}
        if values:
            result[code] = values
    return result


def schedule_object(schedule: Schedule, owner_key: str, owner_uuid) -> dict:
    return {
        "id": str(schedule.uuid),
        owner_key: str(owner_uuid),
        "freq": "WEEKLY",
        "wkst": "MO",
        "byday": schedule.byday,
        "opens_at": _time(schedule.opens_at),
        "closes_at": _time(schedule.closes_at),
        "description": schedule.description,
    }


def location_object(location: Location) -> dict:
    return {
        "id": str(location.uuid),
        "location_type": "physical",
        "name": location.name,
        "addresses": [
            {
                "id": derived_id(location.uuid, "address"),
                "location_id": str(location.uuid),
                "address_1": location.street,
                "city": location.city,
                "region": location.district,
                "state_province": STATE_PROVINCE,
                "postal_code": location.postal_code,
                "country": COUNTRY,
                "address_type": "physical",
            }
        ],
        "phones": [
            phone_object_for(phone, "location_id", location.uuid) for phone in location.phones.all()
        ],
        "schedules": [
            schedule_object(schedule, "location_id", location.uuid)
            for schedule in location.schedules.all()
        ],
    }


def phone_object_for(phone: Phone, owner_key: str, owner_uuid) -> dict:
    return {
        "id": str(phone.uuid),
        owner_key: str(owner_uuid),
        "number": phone.number,
        "type": phone.type,
        "description": phone.description,
    }


def organization_object(organization: Organization) -> dict:
    return {
        "id": str(organization.uuid),
        "name": organization.name,
        "description": organization.description_de or "",
        "email": _or_null(organization.email),
        "website": _or_null(organization.website),
        "phones": [
            phone_object_for(phone, "organization_id", organization.uuid)
            for phone in organization.phones.all()
        ],
        "locations": [location_object(location) for location in organization.locations.all()],
        "x_is_in_house": organization.is_in_house,
        "x_translations": _translations(organization, ("description",)),
    }


def service_type_attribute(service: Service) -> dict:
    with override("en"):
        label = str(ServiceType(service.service_type).label)
    return {
        "id": derived_id(service.uuid, "service_type"),
        "link_id": str(service.uuid),
        "link_type": "service_type",
        "link_entity": "service",
        "value": service.service_type,
        "taxonomy_term": {
            "id": derived_id(TAXONOMY, service.service_type),
            "code": service.service_type,
            "name": label,
            "description": label,
            "taxonomy": TAXONOMY,
        },
    }


def service_object(service: Service, organizations: dict) -> dict:
    organization = organizations[service.organization_id]
    locations = {location.pk: location for location in service.organization.locations.all()}
    with override("en"):
        languages = [
            {
                "id": derived_id(service.uuid, f"language:{code}"),
                "service_id": str(service.uuid),
                "name": language_name(code),
                "code": code,
            }
            for code in service.languages
        ]
    return {
        "id": str(service.uuid),
        "organization_id": str(service.organization.uuid),
        "name": service.name_de or "",
        "description": service.description_de or "",
        "url": _or_null(service.url),
        "email": _or_null(service.email),
        "status": service.status,
        "languages": languages,
        "phones": [
            phone_object_for(phone, "service_id", service.uuid) for phone in service.phones.all()
        ],
        "schedules": [
            schedule_object(schedule, "service_id", service.uuid)
            for schedule in service.schedules.all()
        ],
        "service_at_locations": [
            {
                "id": str(sal.uuid),
                "service_id": str(service.uuid),
                "location_id": str(sal.location.uuid),
                "location": location_object(locations.get(sal.location_id, sal.location)),
            }
            for sal in service.service_at_locations.all()
        ],
        "attributes": [service_type_attribute(service)],
        "organization": organization,
        "x_translations": _translations(service, ("name", "description")),
    }


def directory_json() -> str:
    """The HSDS export as the JSON people download, kept as long as the public pages (every
    change of the directory invalidates both)."""
    key = f"network:hsds:{public_pages_version()}"
    body = cache.get(key)
    if body is None:
        body = json.dumps(export_directory(), ensure_ascii=False, indent=2, sort_keys=True)
        cache.set(key, body, settings.PUBLIC_PAGE_CACHE_SECONDS)
    return body


def export_directory() -> list[dict]:
    """The whole directory as a list of HSDS 3.0 service objects (sorted by id)."""
    from .selectors import services_for_export

    services = list(services_for_export())
    organizations = {}
    for service in services:
        if service.organization_id not in organizations:
            organizations[service.organization_id] = organization_object(service.organization)
    return [service_object(service, organizations) for service in services]


# --- the schema (our own, from the HSDS 3.0 field definitions; not the official file) ---------

UUID = {"type": "string", "format": "uuid"}
TEXT = {"type": "string"}
OPTIONAL_TEXT = {"type": ["string", "null"]}
TIME = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$"}
TRANSLATIONS = {
    "type": "object",
    "propertyNames": {"enum": list(TRANSLATED)},
    "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
}
PHONE = {
    "type": "object",
    "required": ["id", "number"],
    "properties": {
        "id": UUID,
        "organization_id": UUID,
        "service_id": UUID,
        "location_id": UUID,
        "number": {"type": "string", "minLength": 1, "maxLength": 50},
        "type": {"enum": ["text", "voice", "fax", "cell", "video", "pager", "textphone"]},
        "description": OPTIONAL_TEXT,
    },
}
SCHEDULE = {
    "type": "object",
    "required": ["id", "freq", "byday", "opens_at", "closes_at"],
    "properties": {
        "id": UUID,
        "service_id": UUID,
        "location_id": UUID,
        "service_at_location_id": UUID,
        "freq": {"enum": ["WEEKLY", "MONTHLY"]},
        "wkst": {"enum": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]},
        "byday": {
            "type": "string",
            "pattern": r"^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$",
        },
        "opens_at": TIME,
        "closes_at": TIME,
        "description": OPTIONAL_TEXT,
    },
}
ADDRESS = {
    "type": "object",
    "required": [
        "id",
        "address_1",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ],
    "properties": {
        "id": UUID,
        "location_id": UUID,
        "address_1": {"type": "string", "minLength": 1},
        "city": {"type": "string", "minLength": 1},
        "region": OPTIONAL_TEXT,
        "state_province": TEXT,
        "postal_code": {"type": "string", "minLength": 1},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "address_type": {"enum": ["physical", "postal", "virtual"]},
    },
}
LOCATION = {
    "type": "object",
    "required": ["id", "location_type"],
    "properties": {
        "id": UUID,
        "location_type": {"enum": ["physical", "postal", "virtual"]},
        "name": OPTIONAL_TEXT,
        "addresses": {"type": "array", "items": ADDRESS},
        "phones": {"type": "array", "items": PHONE},
        "schedules": {"type": "array", "items": SCHEDULE},
    },
}
ORGANIZATION = {
    "type": "object",
    "required": ["id", "name", "description"],
    "properties": {
        "id": UUID,
        "name": {"type": "string", "minLength": 1},
        "description": TEXT,
        "email": {"type": ["string", "null"], "format": "email"},
        "website": {"type": ["string", "null"], "format": "uri"},
        "phones": {"type": "array", "items": PHONE},
        "locations": {"type": "array", "items": LOCATION},
        "x_is_in_house": {"type": "boolean"},
        "x_translations": TRANSLATIONS,
    },
}
LANGUAGE = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": UUID,
        "service_id": UUID,
        "name": OPTIONAL_TEXT,
        "code": {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z]+)?$"},
    },
}
ATTRIBUTE = {
    "type": "object",
    "required": ["id", "link_id", "taxonomy_term"],
    "properties": {
        "id": UUID,
        "link_id": UUID,
        "link_type": OPTIONAL_TEXT,
        "link_entity": OPTIONAL_TEXT,
        "value": OPTIONAL_TEXT,
        "taxonomy_term": {
            "type": "object",
            "required": ["id", "name", "description"],
            "properties": {
                "id": UUID,
                "code": OPTIONAL_TEXT,
                "name": TEXT,
                "description": TEXT,
                "taxonomy": OPTIONAL_TEXT,
            },
        },
    },
}
SERVICE = {
    "type": "object",
    "required": ["id", "name", "status", "organization"],
    "properties": {
        "id": UUID,
        "organization_id": UUID,
        "name": {"type": "string", "minLength": 1},
        "description": OPTIONAL_TEXT,
        "url": {"type": ["string", "null"], "format": "uri"},
        "email": {"type": ["string", "null"], "format": "email"},
        "status": {"enum": ["active", "inactive", "defunct", "temporarily closed"]},
        "languages": {"type": "array", "items": LANGUAGE},
        "phones": {"type": "array", "items": PHONE},
        "schedules": {"type": "array", "items": SCHEDULE},
        "service_at_locations": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "location"],
                "properties": {
                    "id": UUID,
                    "service_id": UUID,
                    "location_id": UUID,
                    "location": LOCATION,
                },
            },
        },
        "attributes": {"type": "array", "items": ATTRIBUTE},
        "organization": ORGANIZATION,
        "x_translations": TRANSLATIONS,
    },
}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Teilhabe's subset of Open Referral HSDS 3.0 (not the official schema)",
    "type": "array",
    "items": SERVICE,
}


def service_errors(item) -> list[str]:
    """Why one service object of a file cannot be imported (empty when it can)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(SERVICE, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = []
    for error in sorted(validator.iter_errors(item), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "service"
        errors.append(f"{where}: {error.message}")
    return errors
