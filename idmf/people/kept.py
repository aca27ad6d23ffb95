"""Nothing typed is lost when a session ends: a press on a form after the session has ended
keeps what was typed (server side, for the person the browser last signed in as, for
`KeptPost.KEPT_FOR`); once they sign in again, the same form shows it back, with a banner
saying so, for them to check and save.

The browser carries a signed cookie naming the person who last signed in on it (only their
id). A form page reached by GET with something kept for that person and path binds its
forms to what was kept, as if it had been posted, but nothing is saved: views save only on
POST."""

from django.contrib import messages
from django.http import QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from idmf.people.models import KeptPost

PERSON_COOKIE = "idmf_person"
KEPT_COOKIE = "idmf_kept"
SALT = "idmf.people.kept"
NOT_KEPT = {"csrfmiddlewaretoken"}


class KeepTypedAfterExpiry:
    """Between authentication and LoginRequiredMiddleware (which sends the press to the
    login page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._person(request) != user.pk:
            response.set_signed_cookie(
                PERSON_COOKIE,
                str(user.pk),
                salt=SALT,
                max_age=30 * 24 * 3600,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        if getattr(request, "kept_shown", False):
            response.delete_cookie(KEPT_COOKIE)
        elif getattr(request, "kept", False):
            response.set_cookie(KEPT_COOKIE, "1", max_age=3600, httponly=True, samesite="Lax")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        if request.method == "POST" and not request.user.is_authenticated:
            self._keep(request)
        elif (
            request.method == "GET"
            and request.user.is_authenticated
            and KEPT_COOKIE in request.COOKIES
        ):
            self._show_back(request)
        return None

    def _person(self, request) -> int | None:
        value = request.get_signed_cookie(PERSON_COOKIE, default=None, salt=SALT)
        return int(value) if value and value.isdigit() else None

    def _keep(self, request) -> None:
        person = self._person(request)
        if person is None:
            return
        data = [
            [name, value]
            for name, values in request.POST.lists()
            if name not in NOT_KEPT
            for value in values
        ]
        KeptPost.objects.filter(created_at__lt=timezone.now() - KeptPost.KEPT_FOR).delete()
        KeptPost.objects.create(user_id=person, path=request.path, data=data)
        request.kept = True
        messages.info(
            request,
            "You were signed out after a time without using the site. What you typed has "
            "been kept: sign in again to see it.",
        )

    def _show_back(self, request) -> None:
        kept = (
            KeptPost.objects.filter(
                user=request.user,
                path=request.path,
                created_at__gte=timezone.now() - KeptPost.KEPT_FOR,
            )
            .order_by("-created_at")
            .first()
        )
        if kept is None:
            return
        KeptPost.objects.filter(user=request.user, path=request.path).delete()
        posted = QueryDict(mutable=True)
        for name, value in kept.data:
            posted.appendlist(name, value)
        posted._mutable = False
        request._post, request._files = posted, MultiValueDict()
        request.kept_shown = True
        messages.warning(
            request,
            "You were signed out before this was saved. What you typed is shown again "
            "below: check it, then save.",
        )
