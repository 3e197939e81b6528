"""HTML → PDF with WeasyPrint, offline: the only resources a document may load are our own
static files (stylesheets, fonts, images), read from disk. Nothing is ever fetched from the
network, whatever URL a template or a piece of content names."""

import mimetypes
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils._os import safe_join
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in the document resolve against this base. The host is never contacted: the
# fetcher below answers every request itself (.invalid is reserved, RFC 2606).
BASE_URL = "https://teilhabe.invalid/"

FONT_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}


class StaticFilesOnlyFetcher(URLFetcher):
    """Serves URLs under STATIC_URL from the static files on disk; refuses everything else
    (other hosts, file:, data:, media uploads), so rendering never waits for the network and
    a document cannot read arbitrary files of the server."""

    def __init__(self):
        super().__init__(allowed_protocols=())

    def fetch(self, url, headers=None):
        path = static_file_path(url)
        if path is None:
            raise ValueError(f"PDF rendering loads only our static files, not {url!r}")
        mime_type = FONT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        response_headers = {"Content-Type": mime_type or "application/octet-stream"}
        return URLFetcherResponse(url, path.read_bytes(), response_headers)


def static_file_path(url: str) -> Path | None:
    """The file on disk that a static URL names, or None when the URL is not one of our
    static files. The finders come first (the source files, as in development); then the
    collected files, where the manifest storage's hashed names live in production."""
    prefix = urljoin(BASE_URL, settings.STATIC_URL)  # STATIC_URL may itself be absolute
    parts = urlsplit(url)
    bare = f"{parts.scheme}://{parts.netloc}{parts.path}"
    if not bare.startswith(prefix):
        return None
    relative = unquote(bare[len(prefix) :])
    if not relative or relative.startswith("/") or "\\" in relative or "\x00" in relative:
        return None
    if ".." in relative.split("/"):
        return None
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    if found and Path(found).is_file():
        return Path(found)
    if settings.STATIC_ROOT:
        try:
            collected = Path(safe_join(settings.STATIC_ROOT, relative))
        except SuspiciousFileOperation:
            return None
        if collected.is_file():
            return collected
    return None


def text_direction(text: str, default: str = "ltr") -> str:
    """ "rtl" or "ltr" after the first letter with a strong direction — what dir="auto" does
    in a browser. WeasyPrint has no dir="auto", and lays out a wrapped line of Latin text in a
    right-to-left block (or Arabic in a left-to-right one) in the wrong order, so a document
    sets dir on each block of user-supplied text with this."""
    for char in str(text):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return default


def render_pdf(html: str) -> bytes:
    """The PDF of an HTML document. Static URLs in it ({% static %}) are read from disk."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnlyFetcher())
    return document.write_pdf(pdf_tags=True)


def render_template_to_pdf(template_name: str, context: dict, request=None) -> bytes:
    return render_pdf(render_to_string(template_name, context, request=request))


def pdf_response(content: bytes, *, filename: str, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
