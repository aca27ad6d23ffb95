"""The file store (a folder, or S3-compatible object storage) as the site meets it: a file
missing from it is made again by whoever kept it; a store that cannot be reached is said
plainly (a page that says so, status 503), never a server error, and nothing is lost."""

from contextlib import contextmanager

try:  # only with DJANGO_FILE_STORE=s3 (django-storages with boto3)
    from botocore.exceptions import BotoCoreError, ClientError

    _S3_ERRORS: tuple[type[BaseException], ...] = (BotoCoreError, ClientError)
except ImportError:
    _S3_ERRORS = ()

from django.shortcuts import render

RETRY_AFTER_SECONDS = 60


class StoreUnavailable(Exception):
    """The file store could not be reached, or refused us."""

    def __str__(self):
        return "The file store could not be reached. Try again in a few minutes."


@contextmanager
def reaching_store():
    """Inside the block, a store that cannot be reached raises StoreUnavailable; a file
    that is not there still raises FileNotFoundError (the caller makes it again)."""
    try:
        yield
    except FileNotFoundError:
        raise
    except (OSError, *_S3_ERRORS) as error:
        raise StoreUnavailable from error


def store_unavailable_page(request):
    response = render(request, "store_unavailable.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def store_trouble(get_response):
    """Middleware: a request that met an unreachable file store gets the page saying so."""

    def middleware(request):
        return get_response(request)

    def process_exception(request, exception):
        if isinstance(exception, StoreUnavailable):
            return store_unavailable_page(request)
        return None

    middleware.process_exception = process_exception
    return middleware
