"""Response headers every page of the service needs."""

from django.utils.cache import patch_cache_control


def private_pages(get_response):
    """Pages and exports of records are private: `Cache-Control: private, no-store`, unless
    a view has said otherwise (the public register says it may be cached)."""

    def middleware(request):
        response = get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
