from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}
MAX_LOGO_PIXELS = 4000 * 4000


def validate_logo(file) -> None:
    """A logo must be a real PNG, JPEG or WebP image of limited size."""
    if file.size > settings.MAX_LOGO_BYTES:
        raise ValidationError(
            _("The logo is too large (%(size)s). Please upload at most %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(settings.MAX_LOGO_BYTES)}
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(_("This file is not an image we can read.")) from None
    finally:
        file.seek(position)
    if image_format not in ALLOWED_LOGO_FORMATS:
        raise ValidationError(_("Please upload the logo as PNG, JPEG or WebP."))
    if width * height > MAX_LOGO_PIXELS:
        raise ValidationError(_("The logo has too many pixels. Please make it smaller."))
