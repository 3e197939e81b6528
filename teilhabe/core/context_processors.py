from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from .models import Centre


def centre(request):
    """The centre, the sample-data flag and the language switcher for every page."""
    current = get_language()
    path = request.get_full_path()
    switcher = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        switcher.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(path, code),
                "is_current": code == current,
                "dir": "rtl" if info["bidi"] else "ltr",
            }
        )
    return {"centre": Centre.current(), "language_switcher": switcher}
