"""The WSGI application that gunicorn serves in the benchmark (Django's standard handler)."""

import os

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
