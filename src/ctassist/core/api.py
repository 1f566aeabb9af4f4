"""The base of every API viewset: the same policy as the pages, and one edit check for versioned records."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema as DrfAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ctassist.core.policy import VIEW
from ctassist.core.services import DeletionRefused, EditConflict, VersionRequired

# -- errors: one handler maps the services' exceptions to answers -----------------------------


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The record was changed by someone else, or something depends on it.")
    default_code = "conflict"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record was changed by someone else since you read it; GET it again and retry.")
    default_code = "precondition_failed"


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _("Send the record's ETag in an If-Match header to change it.")
    default_code = "precondition_required"


def validation_detail(exc: DjangoValidationError) -> Any:
    """A Django validation error as the body of a 400: ``{field: [messages]}`` or ``{"detail": [...]}``."""
    if hasattr(exc, "error_dict"):
        return {(k if k != NON_FIELD_ERRORS else "detail"): v for k, v in exc.message_dict.items()}
    return {"detail": exc.messages}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """``REST_FRAMEWORK["EXCEPTION_HANDLER"]``: the services' errors become uniform answers.

    Validation → 400 naming the fields; refused action or transition → 403 (DRF's own);
    a stale edit → 412 when the client sent ``If-Match``, else 409; a versioned edit
    without a version → 428; deleting what other records depend on → 409 naming them.
    """
    request = context.get("request")
    if isinstance(exc, DeletionRefused):
        exc = Conflict(" ".join(exc.messages))
    elif isinstance(exc, DjangoValidationError):
        exc = serializers.ValidationError(validation_detail(exc))
    elif isinstance(exc, EditConflict):
        if request is not None and request.headers.get("If-Match"):
            exc = PreconditionFailed()
        else:
            exc = Conflict(_("Someone else changed this record since you read it; read it again and retry."))
    elif isinstance(exc, VersionRequired):
        exc = PreconditionRequired()
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict(protected_message(exc))
    return drf_exception_handler(exc, context)


def protected_message(exc: ProtectedError | RestrictedError) -> str:
    """Say what depends on a record that cannot be deleted."""
    objects = list(getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or [])
    names = sorted({str(o._meta.verbose_name_plural) for o in objects})
    return _("This record cannot be deleted: %(count)s other records depend on it (%(kinds)s).") % {
        "count": len(objects),
        "kinds": ", ".join(names),
    }


class PolicyViewSetMixin:
    """Every row a viewset returns comes from ``restrict(user, VIEW)``.

    Objects outside it are 404; the action itself is checked on the object
    by ``PolicyPermission`` (403).
    """

    queryset: Any
    request: Any

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, VIEW)  # type: ignore[misc]


def payload(
    request: Any, serializer_class: type[serializers.Serializer], *, query: bool = False, **kwargs: Any
) -> dict[str, Any]:
    """A custom action's validated body (``query``: its query string); 400 naming each wrong field otherwise."""
    body = serializer_class(data=request.query_params if query else request.data, **kwargs)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


class PolicyReadOnlyViewSet(PolicyViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class PolicyModelViewSet(
    PolicyViewSetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Writes go through services: subclasses implement perform_create/update/destroy."""


def etag_for(obj: Any) -> str:
    return f'"{obj.version}"'


def version_from_if_match(header: str | None) -> int:
    """The version an ``If-Match`` header names; 428 when it is missing, 412 when it names none."""
    if not header:
        raise PreconditionRequired
    value = header.split(",")[0].strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not value.isdigit():
        raise PreconditionFailed
    return int(value)


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag from the last GET. 428 if missing, 412 if the record changed since.",
)
IF_MATCH_OPTIONAL = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Optional: refuse the step (412) if the record changed since this ETag.",
)
EDIT_RESPONSES = {
    412: OpenApiResponse(description="Changed since read"),
    428: OpenApiResponse(description="If-Match missing"),
}

ERROR_RESPONSES = {
    400: _("Invalid parameters or body: the answer names each field in error"),
    401: _("Not authenticated: no token, or a token that is invalid, expired or revoked"),
    403: _("Not allowed: the role may not do this to this record"),
    404: _("Not found: no such record, one the user may not see, or a page beyond the last"),
    409: _("Conflict: changed by someone else since read, or other records depend on it"),
    429: _("Too many requests: wait before trying again"),
    503: _("The database is briefly unavailable: try again in a moment"),
}


class ETagMixin:
    """Lost-update protection for a viewset of a versioned model (``core.models.VersionedModel``).

    ``GET`` of one record answers with an ``ETag``; ``PUT`` and ``PATCH`` need it in
    ``If-Match`` (428 without it, 412 when the record changed since) and answer with the
    new one. The version is in ``self.expected_version`` for ``perform_update`` to pass
    to the service, which locks the row and compares (``core.services.lock``).
    Custom actions read an optional ``If-Match`` with :meth:`optional_expected_version`.
    """

    request: Any
    expected_version: int | None = None

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)  # type: ignore[misc]
        response["ETag"] = etag_for(self.get_object())  # type: ignore[attr-defined]
        return response

    def update(self, request, *args, **kwargs):
        # The object first: one the user may not see is 404 and one they may not change is 403,
        # whatever the header says, so the precondition answers never reveal a record.
        self.get_object()  # type: ignore[attr-defined]
        self.expected_version = version_from_if_match(request.headers.get("If-Match"))
        response = super().update(request, *args, **kwargs)  # type: ignore[misc]
        return self.with_etag(response)

    def optional_expected_version(self) -> int | None:
        header = self.request.headers.get("If-Match")
        return version_from_if_match(header) if header else None

    def answer(self, obj: Any, status_code: int = status.HTTP_200_OK) -> Response:
        """A custom action's answer: the record as the user may now see it, with its new ``ETag``."""
        fresh = self.get_queryset().get(pk=obj.pk)  # type: ignore[attr-defined]
        return self.with_etag(Response(self.get_serializer(fresh).data, status=status_code), fresh)

    def with_etag(self, response: Response, obj: Any = None) -> Response:
        obj = obj if obj is not None else getattr(getattr(self, "_serializer", None), "instance", None)
        if obj is None:
            obj = self.get_object()  # type: ignore[attr-defined]
        response["ETag"] = etag_for(type(obj)._default_manager.get(pk=obj.pk))
        return response

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)  # type: ignore[misc]
        self._serializer = serializer
        return serializer


class AutoSchema(DrfAutoSchema):
    """The API's schema generator: documents the edit check of every ``ETagMixin`` viewset.

    ``PUT`` and ``PATCH`` of a versioned record take ``If-Match`` and may answer 412
    or 428, without each viewset repeating it.
    """

    def _edits_versioned(self) -> bool:
        return isinstance(self.view, ETagMixin) and self.method in ("PUT", "PATCH")

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self._edits_versioned() and not any(getattr(p, "name", "") == "If-Match" for p in parameters):
            parameters = [*parameters, IF_MATCH]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, description in self._error_answers().items():
            responses.setdefault(str(code), {"description": str(description)})
        return responses

    def _error_answers(self) -> dict[int, Any]:
        """The error answers this operation can give, from what every viewset shares (one place).

        Every operation may answer 401 (no or a bad token), 403 (the role may not), 404 (a record
        the user may not see, or a page beyond the last) and 400 (bad parameters or body); a write
        may answer 409 (a conflict, or records depending on it); a versioned edit 412 and 428, a
        step that takes an optional ``If-Match`` 412; and while the database is briefly
        unavailable, 503 (``core.middleware.DatabaseUnavailableMiddleware``).
        """
        answers: dict[int, Any] = {code: ERROR_RESPONSES[code] for code in (400, 401, 403, 404)}
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            answers[409] = ERROR_RESPONSES[409]
        if self._edits_versioned():
            answers.update({code: answer.description for code, answer in EDIT_RESPONSES.items()})
        elif self.method != "GET" and any(getattr(p, "name", "") == "If-Match" for p in super().get_override_parameters()):
            answers[412] = EDIT_RESPONSES[412].description
        if getattr(self.view, "throttle_classes", None):
            answers[429] = ERROR_RESPONSES[429]
        answers[503] = ERROR_RESPONSES[503]
        return answers
