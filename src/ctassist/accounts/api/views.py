"""The API token endpoint: user name and password (and the two-factor code) for an expiring token."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from ctassist.accounts import services, twofactor
from ctassist.accounts.views import locked_out
from ctassist.core.client import client_address


class TokenThrottle(AnonRateThrottle):
    """At most 20 calls a minute from one client address (the real one: ``core.client``)."""

    rate = "20/min"

    def get_ident(self, request):
        return client_address(request)


class ApiSignInSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("User name"), max_length=150, write_only=True)
    password = serializers.CharField(label=_("Password"), max_length=4096, trim_whitespace=False, write_only=True,
                                     style={"input_type": "password"})  # fmt: skip
    otp = serializers.CharField(
        label=_("Two-factor code"),
        max_length=20,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text=_("For an account with two-factor authentication: the current code, or a recovery code."),
    )
    name = serializers.CharField(
        label=_("Token name"), max_length=100, required=False, allow_blank=True, write_only=True,
        help_text=_("What the token is for; shown on the account's token page."),
    )  # fmt: skip


class ObtainTokenView(APIView):
    """Exchange a user name and password for an API token (send it as ``Authorization: Token …``).

    The token expires (``expires_at``); its owner lists and revokes tokens on their account page. An
    account with two-factor authentication also sends ``otp``; one whose only second factor is a
    security key (which a program cannot use) issues its tokens on its account page, or sends one of
    its recovery codes as ``otp``. Failed attempts lock out the account and the client address for a
    while (429), and each address is limited to 20 calls a minute.
    """

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [TokenThrottle]
    serializer_class = ApiSignInSerializer

    @extend_schema(
        request=ApiSignInSerializer,
        responses={
            200: inline_serializer(
                "TokenResponse", {"token": serializers.CharField(), "expires_at": serializers.DateTimeField()}
            ),
            400: OpenApiResponse(description="Missing fields, wrong credentials, or a wrong two-factor code."),
            403: OpenApiResponse(description="The account must set up two-factor authentication first."),
            429: OpenApiResponse(description="Too many attempts from this address or for this account."),
        },
    )
    def post(self, request):
        serializer = ApiSignInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        # Django's request, so that django-axes counts the failure against the account and the address.
        django_request = request._request
        user = authenticate(request=django_request, username=data["username"], password=data["password"])
        if getattr(django_request, "axes_locked_out", False):
            return locked_out(django_request)
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to sign in with the user name and password given.")]}
            )
        if twofactor.enabled_for(user):
            if not data.get("otp"):
                if not services.authenticator_app_enabled(user):
                    # A program cannot touch a security key: the account page issues tokens.
                    raise serializers.ValidationError({"otp": [_(
                        "This account signs in with a security key, which a program cannot use: issue a token on "
                        "your account page (Your API tokens), or send a recovery code as otp."
                    )]})  # fmt: skip
                raise serializers.ValidationError(
                    {"otp": [_("This account uses two-factor authentication: send the current code as otp.")]}
                )
            try:
                verified = services.verify_second_factor(user=user, code=data["otp"], address=client_address(request))
            except services.TooManyAttemptsError:
                return Response({"detail": _("Too many wrong codes for this account. Wait a quarter of an hour.")},
                                status=status.HTTP_429_TOO_MANY_REQUESTS)  # fmt: skip
            if verified is None:
                raise serializers.ValidationError({"otp": [_("This code is not right, or was already used.")]})
        elif twofactor.required_for(user):
            return Response(
                {"detail": _("This account must set up two-factor authentication (on its account page) first.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        token = services.issue_token(acting_user=user, user=user, name=data.get("name") or "API")
        return Response({"token": token.key, "expires_at": token.expires_at})
