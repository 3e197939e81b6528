import pytest

from .processes import RedisServer


@pytest.fixture
def redis_server():
    """A redis-server of the test's own on a free port, stopped afterwards."""
    server = RedisServer()
    server.start()
    yield server
    server.stop()


from .test_task_queue import real_worker  # noqa: E402, F401  (a Celery worker in a thread)
