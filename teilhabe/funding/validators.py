"""Uploaded documents: only the formats an application needs, checked by their content (not
only their name), and not too large."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension: the bytes such a file starts with
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}


def validate_document(file) -> None:
    extension = Path(file.name or "").suffix.lower()
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Please upload a PDF, Word, Excel, OpenDocument, PNG or JPEG file."),
            code="format",
        )
    if file.size > settings.FUNDING_MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is too large (at most %(size)s).")
            % {"size": filesizeformat(settings.FUNDING_MAX_DOCUMENT_BYTES)},
            code="size",
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[extension]):
        raise ValidationError(
            _("The file's content does not match its name (%(extension)s).")
            % {"extension": extension},
            code="content",
        )
