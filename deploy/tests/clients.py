"""HTTP clients for the scenarios: one visitor through nginx (TLS, cookies as a browser keeps
them), or one speaking to a gunicorn instance directly as nginx would (X-Forwarded-Proto)."""

import re

import requests

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


class Visitor:
    """A browser through nginx: https, the stack's certificate, its own cookies."""

    def __init__(self, stack, timeout: float = 30):
        self.base = stack.url
        self.session = requests.Session()
        # Per request: REQUESTS_CA_BUNDLE in the environment would override the session's.
        self.verify = str(stack.ca_cert)
        self.timeout = timeout

    def get(self, path, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        kwargs.setdefault("verify", self.verify)
        return self.session.get(self.base + path, **kwargs)

    def post(self, path, data, referer_path=None, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("verify", self.verify)
        headers = {"Referer": self.base + (referer_path or path), **kwargs.pop("headers", {})}
        return self.session.post(self.base + path, data=data, headers=headers, **kwargs)


class DirectClient:
    """Speaks to one gunicorn instance as nginx does (X-Forwarded-Proto: https), keeping the
    cookies itself because they are Secure. `use(url)` moves it to another instance with the
    same cookies."""

    def __init__(self, base_url: str, timeout: float = 30):
        self.base = base_url
        self.cookies: dict[str, str] = {}
        self.timeout = timeout

    def use(self, base_url: str) -> None:
        self.base = base_url

    def _headers(self, path, extra=None):
        host = self.base.split("//", 1)[1]
        headers = {"X-Forwarded-Proto": "https", "Referer": f"https://{host}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.update(extra or {})
        return headers

    def _keep(self, response):
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, path):
        return self._keep(
            requests.get(
                self.base + path,
                headers=self._headers(path),
                allow_redirects=False,
                timeout=self.timeout,
            )
        )

    def post(self, path, data):
        return self._keep(
            requests.post(
                self.base + path,
                data=data,
                headers=self._headers(path),
                allow_redirects=False,
                timeout=self.timeout,
            )
        )


def register(visitor: Visitor, slug: str, *, name: str, email: str):
    """GET the registration form (session and CSRF cookie), then POST it. Returns the POST's
    response (302 to the registration page when it worked)."""
    path = f"/de/programme/offers/{slug}/register/"
    form = visitor.get(path)
    if form.status_code != 200:
        return form
    return visitor.post(
        path,
        {
            "csrfmiddlewaretoken": csrf_token(form.text),
            "name": name,
            "email": email,
            "phone": "",
            "persons": "1",
            "note": "",
            "website": "",
            "consent": "on",
        },
    )
