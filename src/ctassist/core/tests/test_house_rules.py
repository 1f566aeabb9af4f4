"""The house rules of docs/DEVELOPING.md, checked over the source.

Each rule is a function from a module's source to the places that break it. Each is shown a good
and a bad example first (so a rule that cannot fail is caught), then run over ``src/ctassist``.
``KNOWN`` lists the places that still break a rule while issue 10 moves them; it may only shrink:
an entry that no longer matches anything fails too, so that it is deleted with its fix.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from ctassist.core.services import is_versioned

SRC = Path(__file__).resolve().parents[2]  # src/ctassist

# Where the rules do not apply: model internals, the one write path, migrations and tests.
# The search index is derived data, rebuilt from the records it indexes; it keeps no history of its own.
WRITERS = ("core/services.py", "core/importing.py", "core/audit.py", "core/search/index.py")


def _files() -> list[Path]:
    return sorted(
        p
        for p in SRC.rglob("*.py")
        if "/migrations/" not in str(p) and "/tests/" not in str(p) and p.name != "conftest.py"
    )


def _rel(path: Path) -> str:
    return str(path.relative_to(SRC))


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


# --- Rule 1: only services (and the import pipeline) save, delete and write the change log ------------


def writes_outside_services(source: str, path: str) -> list[str]:
    """``obj.save()``, ``obj.delete()`` and change-log writes outside a services module.

    A call with positional arguments (``workbook.save(buffer)``, ``storage.delete(name)``) is not a
    model write, nor is a stored file's ``delete(save=False)``; ``super().save()`` inside a model's own
    ``save`` is the model's business.
    """
    if path.endswith(("services.py", "models.py")) or path in WRITERS:
        return []
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        file_call = any(k.arg == "save" for k in node.keywords)  # FieldFile.save/delete(..., save=False)
        model_write = name in ("save", "delete") and not node.args and not file_call
        log_write = name == "log_change" or (
            name in ("create", "bulk_create")
            and isinstance(node.func.value, ast.Attribute)
            and isinstance(node.func.value.value, ast.Name)
            and node.func.value.value.id in ("ChangeLogEntry", "DomainEvent")
        )
        if model_write or log_write:
            found.append(f"{path} .{name}()")
    return found


# --- Rule 2: pages and endpoints reach data only through restrict() ------------------------------------


def unrestricted_querysets(source: str, path: str) -> list[str]:
    """``Model.objects...`` in a views module whose chain never calls ``restrict``."""
    if not (path.endswith("views.py") or "/api/" in path):
        return []
    tree = ast.parse(source)
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr in ("objects", "_default_manager")):
            continue
        names, top = set(), node
        while isinstance(parents.get(top), (ast.Attribute, ast.Call)):
            top = parents[top]
            if isinstance(top, ast.Attribute):
                names.add(top.attr)
        if "restrict" not in names:
            found.append(f"{path} {ast.unparse(node)}")
    return found


# --- Rule 3: an import between apps inside a function states its reason --------------------------------


def unexplained_local_imports(source: str, path: str) -> list[str]:
    """``from ctassist.<other app> import ...`` inside a function without a comment saying why.

    ``core`` is below every app, and an ``AppConfig.ready()`` hook imports at start-up by design.
    """
    own = path.split("/", 1)[0]
    if path.endswith("apps.py"):
        return []
    lines = source.splitlines()
    found = []
    for func in ast.walk(ast.parse(source)):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            other = [m for m in modules if m.startswith("ctassist.") and m.split(".")[1] not in (own, "core")]
            text = "\n".join(lines[node.lineno - 1 : (node.end_lineno or node.lineno)])
            if other and "#" not in text:
                found.append(f"{path} import {', '.join(other)}")
    return found


RULES = {
    "writes outside services": writes_outside_services,
    "querysets without restrict": unrestricted_querysets,
    "function-local imports between apps without a reason": unexplained_local_imports,
}

GOOD = {
    "writes outside services": (
        "assistance/views.py",
        "def post(self):\n    services.submit(acting_user=u, assistance_request=r)\n    workbook.save(buffer)\n",
    ),
    "querysets without restrict": (
        "assistance/views.py",
        "def get(self):\n    return AssistanceRequest.objects.select_related('state').restrict(user, VIEW)\n",
    ),
    "function-local imports between apps without a reason": (
        "assistance/services.py",
        "def f():\n    from ctassist.funding import queries  # funding depends on assistance; read-only here\n",
    ),
}
BAD = {
    "writes outside services": (
        "assistance/views.py",
        "def post(self):\n    request_obj.title = t\n    request_obj.save()\n",
    ),
    "querysets without restrict": (
        "assistance/api/views.py",
        "def get(self):\n    return Activity.objects.filter(pk=1)\n",
    ),
    "function-local imports between apps without a reason": (
        "assistance/services.py",
        "def f():\n    from ctassist.funding import queries\n",
    ),
}

# Places that still break a rule while issue 10 moves them (they may only be removed).
KNOWN: dict[str, set[str]] = {
    "writes outside services": {
        "assistance/demo.py .delete()",
        "directory/demo.py .delete()",
        "funding/demo.py .delete()",
        "treaties/demo.py .delete()",
    },
    "querysets without restrict": {
        "accounts/views.py User.objects",
        "assistance/api/serializers.py AssistanceRequest.objects",
        "assistance/api/serializers.py Instrument.objects",
        "assistance/api/serializers.py Organisation.objects",
        "assistance/api/serializers.py State.objects",
        "assistance/api/serializers.py Theme.objects",
        "assistance/api/views.py Activity.objects",
        "assistance/api/views.py AssistanceRequest.objects",
        "assistance/api/views.py Evaluation.objects",
        "assistance/api/views.py Indicator.objects",
        "assistance/api/views.py ParticipantCount.objects",
        "assistance/views.py AssistanceRequest.objects",
        "core/views.py self.model._default_manager",
        "directory/api/serializers.py DirectoryEntry._meta.get_field('state').related_model.objects",
        "directory/api/views.py DirectoryEntry.objects",
        "directory/views.py DirectoryEntry.objects",
        "directory/views.py DomainEvent.objects",
        "funding/api/serializers.py Activity.objects",
        "funding/api/serializers.py Donor.objects",
        "funding/api/serializers.py Organisation.objects",
        "funding/api/serializers.py Project.objects",
        "funding/api/serializers.py State.objects",
        "funding/api/serializers.py Theme.objects",
        "funding/api/views.py ActivityCharge.objects",
        "funding/api/views.py Contribution.objects",
        "funding/api/views.py Donor.objects",
        "funding/api/views.py Project.objects",
        "funding/views.py Activity.objects",
        "funding/views.py Contribution.objects",
        "funding/views.py DomainEvent.objects",
        "funding/views.py Donor.objects",
        "funding/views.py Project.objects",
        "geo/api/views.py State.objects",
        "library/api/views.py CaseLaw.objects",
        "library/api/views.py Legislation.objects",
        "library/api/views.py Provision.objects",
        "library/api/views.py Publication.objects",
        "library/views.py CaseLaw.objects",
        "library/views.py ChangeLogEntry.objects",
        "library/views.py ContentType.objects",
        "library/views.py Instrument.objects",
        "library/views.py Legislation.objects",
        "library/views.py LegislativeReview.objects",
        "mandates/api/views.py Paragraph.objects",
        "mandates/api/views.py Resolution.objects",
        "mandates/views.py Paragraph.objects",
        "mandates/views.py Resolution.objects",
        "reporting/api/serializers.py Resolution.objects",
        "reporting/api/views.py Report.objects",
        "reporting/views.py Report.objects",
        "treaties/api/views.py Instrument.objects",
        "treaties/api/views.py Participation.objects",
        "treaties/views.py Instrument.objects",
        "treaties/views.py Participation.objects",
        "treaties/views.py State.objects",
    },
    "function-local imports between apps without a reason": {
        "assistance/models.py import ctassist.accounts.choices",
        "funding/iati.py import ctassist.assistance.filters",
        "funding/iati.py import ctassist.assistance.models",
        "funding/models.py import ctassist.accounts.choices",
        "funding/policies.py import ctassist.assistance.models",
        "funding/queries.py import ctassist.assistance.models",
        "funding/views.py import ctassist.assistance.filters",
        "library/demo.py import ctassist.geo.models",
        "library/demo.py import ctassist.treaties.models",
    },
}


@pytest.mark.parametrize("rule", RULES)
def test_rule_passes_its_good_example(rule):
    path, source = GOOD[rule]
    assert RULES[rule](source, path) == []


@pytest.mark.parametrize("rule", RULES)
def test_rule_catches_its_bad_example(rule):
    path, source = BAD[rule]
    assert len(RULES[rule](source, path)) == 1


@pytest.mark.parametrize("rule", RULES)
def test_source_keeps_the_rule(rule):
    found = set()
    for path in _files():
        found.update(RULES[rule](path.read_text(encoding="utf-8"), _rel(path)))
    known = KNOWN.get(rule, set())
    new = sorted(found - known)
    fixed = sorted(known - found)
    assert not new, f"{rule}:\n" + "\n".join(new)
    assert not fixed, f"{rule}: now kept here, remove them from KNOWN:\n" + "\n".join(fixed)


# --- Rule 4: every versioned model's API uses the ETag mixin -------------------------------------------


def _viewsets(patterns=None) -> set[type]:
    found: set[type] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            found |= _viewsets(entry.url_patterns)
        elif isinstance(entry, URLPattern) and hasattr(entry.callback, "cls"):
            found.add(entry.callback.cls)
    return found


def viewsets_without_etag(viewsets) -> list[str]:
    """Viewsets that edit a versioned model (``update`` exists) but do not use ``core.api.ETagMixin``."""
    from ctassist.core.api import ETagMixin

    found = []
    for cls in viewsets:
        queryset = getattr(cls, "queryset", None)
        model = getattr(queryset, "model", None) or getattr(cls, "model", None)
        if model is not None and is_versioned(model) and hasattr(cls, "update") and not issubclass(cls, ETagMixin):
            found.append(f"{cls.__module__}.{cls.__qualname__} ({model._meta.label})")
    return sorted(found)


def test_etag_rule_catches_its_bad_example():
    from rest_framework import viewsets

    from ctassist.assistance.models import AssistanceRequest

    class Careless(viewsets.ModelViewSet):
        queryset = AssistanceRequest.objects.none()

    assert viewsets_without_etag([Careless]) == [
        f"{__name__}.test_etag_rule_catches_its_bad_example.<locals>.Careless (assistance.AssistanceRequest)"
    ]


def test_every_versioned_model_api_uses_the_etag_mixin():
    assert viewsets_without_etag(_viewsets()) == []


# --- Tests that need ../shared fail in CI rather than skip ---------------------------------------------


def test_missing_shared_material_fails_in_ci_and_skips_elsewhere(monkeypatch, tmp_path):
    from ctassist.core.testing import require_shared

    absent = tmp_path / "no-such-corpus"
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="in CI that is a failure"):
        require_shared(absent)
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="no-such-corpus"):
        require_shared(absent)
    require_shared(tmp_path)  # present: nothing happens
