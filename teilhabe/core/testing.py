"""Helpers for the tests of every app."""

import threading

from django.db import connection


def in_parallel(function, arguments) -> tuple[list, list]:
    """Run function(argument) for every argument in its own thread, all starting together
    (each with its own database connection, closed at the end). Returns (results, errors)
    per argument: exactly one of the two is set for each."""
    arguments = list(arguments)
    barrier = threading.Barrier(len(arguments))
    results = [None] * len(arguments)
    errors = [None] * len(arguments)

    def run(index, argument):
        try:
            barrier.wait(timeout=30)
            results[index] = function(argument)
        except Exception as error:  # judged by the test, in its own thread
            errors[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, argument))
        for index, argument in enumerate(arguments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hangs"
    return results, errors


def all_in_parallel(function, arguments) -> list:
    """in_parallel for calls that must all succeed: the results, or the first error raised."""
    results, errors = in_parallel(function, arguments)
    for error in errors:
        if error is not None:
            raise error
    return results
