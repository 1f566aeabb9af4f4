"""The change log shows the values before and after (issue 19), to readers allowed to see the record."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from ctassist.core import audit
from ctassist.core.models import ChangeAction

pytestmark = pytest.mark.django_db


def _officer(actors):
    client = Client()
    client.force_login(actors.officer)
    return client


def test_the_page_and_the_export_show_before_and_after(actors):
    from ctassist.assistance import services
    from ctassist.assistance.tests.factories import make_request

    assistance_request = make_request(actors, title="Training of prosecutors")
    services.update_request(acting_user=actors.officer, assistance_request=assistance_request,
                            expected_version=assistance_request.version, title="Training of judges")  # fmt: skip
    page = _officer(actors).get(reverse("audit:changelog"))
    assert page.status_code == 200
    assert "title: Training of prosecutors → Training of judges" in page.content.decode()
    import openpyxl

    export = _officer(actors).get(reverse("audit:changelog") + "?export=xlsx")
    assert export.status_code == 200
    cells = [c.value for row in openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows() for c in row]
    assert any(isinstance(c, str) and "title: Training of prosecutors → Training of judges" in c for c in cells)


def test_values_of_a_record_the_reader_may_not_view_are_not_shown(actors):
    from ctassist.cooperation.models import CooperationRequest

    # A State's cooperation case, never shared with UNODC (gone since): the officer sees that it changed, not how.
    case = CooperationRequest(pk=987654, facts="Confidential facts of the case")
    audit.log_change(acting_user=None, obj=case, action=ChangeAction.DELETE, before=audit.snapshot(case, m2m=False))
    content = _officer(actors).get(reverse("audit:changelog")).content.decode()
    assert "facts" in content and "values not shown" in content
    assert "Confidential facts of the case" not in content
    export = _officer(actors).get(reverse("audit:changelog") + "?export=csv").content.decode("utf-8-sig")
    assert "Confidential facts" not in export and "values not shown" in export


def test_the_change_log_page_stays_within_a_fixed_number_of_queries(actors, django_assert_max_num_queries):
    from ctassist.assistance.tests.factories import make_request

    for i in range(5):
        make_request(actors, title=f"Request {i}")
    client = _officer(actors)
    client.get(reverse("audit:changelog"))
    with django_assert_max_num_queries(25):
        assert client.get(reverse("audit:changelog")).status_code == 200
    for i in range(20):
        make_request(actors, title=f"More {i}")
    with django_assert_max_num_queries(25):
        assert client.get(reverse("audit:changelog")).status_code == 200


def test_a_stored_control_character_breaks_neither_the_list_nor_the_change_log_export(actors):
    from ctassist.assistance.tests.factories import make_request

    make_request(actors, title="Title with a vertical\x0btab")  # services store what they are given
    client = _officer(actors)
    for url in (reverse("assistance:request_list"), reverse("audit:changelog")):
        for fmt in ("xlsx", "csv"):
            response = client.get(url, {"export": fmt})
            assert response.status_code == 200, (url, fmt)
