"""The provider's endpoints at the issuer's root, and its password sign-in page."""

from urllib.parse import urlencode

from django.contrib.auth import views as auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.views.decorators.csrf import csrf_exempt
from oidc_provider import views as oidc


@csrf_exempt
def end_session(request: HttpRequest) -> HttpResponse:
    """RP-initiated logout naming its client by `client_id` but with no ID token hint (the services keep no
    ID token): ask the person, then send them back to that client's post-logout page."""
    hint = request.GET.get("id_token_hint") or request.POST.get("id_token_hint")
    client_id = request.GET.get("client_id")
    if not hint and client_id:
        return redirect(reverse("oidc_provider:end-session-prompt") + "?" + urlencode({"client_id": client_id}))
    response: HttpResponse = oidc.EndSessionView.as_view()(request)
    return response


urlpatterns = [
    path("login/", auth.LoginView.as_view(redirect_authenticated_user=False), name="login"),
    path("logout/", auth.LogoutView.as_view(next_page="/login/"), name="logout"),
    path("end-session", end_session),
    path("", include("oidc_provider.urls", namespace="oidc_provider")),
]
