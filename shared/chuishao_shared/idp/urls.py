"""The provider's endpoints at the issuer's root, and its password sign-in page."""

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import views as auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import include, path, re_path, reverse
from django.views.decorators.csrf import csrf_exempt
from oidc_provider import views as oidc
from oidc_provider.lib.endpoints.introspection import TokenIntrospectionEndpoint


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


class Introspection(TokenIntrospectionEndpoint):  # type: ignore[misc]
    """The library's introspection, with the access token's own expiry as `exp` (RFC 7662): the library
    gives its ID token's, and none for a client-credentials token (which has no ID token)."""

    def create_response_dic(self) -> dict[str, Any]:
        answer: dict[str, Any] = super().create_response_dic()
        answer["exp"] = int(self.token.expires_at.timestamp())
        return answer


class IntrospectionView(oidc.TokenIntrospectionView):  # type: ignore[misc]
    token_instrospection_endpoint_class = Introspection  # (sic: the library's spelling)


urlpatterns = [
    re_path(r"^introspect/?$", IntrospectionView.as_view()),
    path("login/", auth.LoginView.as_view(redirect_authenticated_user=False), name="login"),
    path("logout/", auth.LogoutView.as_view(next_page="/login/"), name="logout"),
    path("end-session", end_session),
    path("", include("oidc_provider.urls", namespace="oidc_provider")),
]
