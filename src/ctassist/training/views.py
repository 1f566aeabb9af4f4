"""Pages of the training area: the catalogue, sessions and nominations, results, certificates, people."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from ctassist.core import exports, roles
from ctassist.core.policy import ADD, CHANGE, DELETE, VIEW, allows, may
from ctassist.core.views import (
    ImportView,
    PolicyListView,
    PolicyMixin,
    PolicyObjectMixin,
    ServiceActionView,
    ServiceFormView,
    error_messages,
    object_or_404,
)
from ctassist.geo.models import State
from ctassist.training import queries, services
from ctassist.training.choices import NominationStatus
from ctassist.training.filters import CourseFilter, PersonFilter, SessionFilter, TrainerFilter
from ctassist.training.forms import (
    CourseForm,
    DecisionForm,
    MergeForm,
    ModuleForm,
    NominationForm,
    OptionalReasonForm,
    ReasonForm,
    ResultsForm,
    SeatsForm,
    SessionForm,
    TrainerAssignForm,
    TrainerForm,
)
from ctassist.training.importing import ResultsImporter, XapiImporter
from ctassist.training.models import Certificate, Course, Nomination, Person, SeatAllocation, Session, Trainer
from ctassist.training.pdf import certificate_pdf
from ctassist.training.policies import CONTACT, DECIDE
from ctassist.training.tables import CourseTable, PersonTable, SessionTable, TrainerTable

# -- the catalogue ---------------------------------------------------------------------------------


class CourseListView(PolicyListView):
    model = Course
    filterset_class = CourseFilter
    table_class = CourseTable
    title = gettext_lazy("Courses")
    template_name = "training/course_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = may(self.request.user, ADD, Course)
        return context


class CourseDetailView(PolicyObjectMixin, DetailView):
    model = Course
    template_name = "training/course_detail.html"
    context_object_name = "course"

    def get(self, request, *args, **kwargs):
        # A draft is not public: a visitor who is not signed in is asked to sign in, not told it exists.
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            if not request.user.is_authenticated:
                return self.deny()
            raise

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = self.object
        user = self.request.user
        context.update(
            modules=course.modules.restrict(user),
            sessions=Session.objects.restrict(user).filter(course=course).select_related("activity"),
            can_change=allows(user, CHANGE, course),
            module_form=ModuleForm(initial={"position": course.modules.count() + 1}),
            results=queries.course_results(course) if roles.is_unodc(user) else None,
            languages=", ".join(course.languages),
        )
        return context


class CourseFormView(ServiceFormView):
    model = Course
    form_class = CourseForm
    template_name = "training/form.html"
    success_message = gettext_lazy("Course saved.")

    def get_form_kwargs(self):
        return {"instance": self.object} if self.object is not None else {}

    def get_initial(self):
        return {"version": self.object.version} if self.object is not None else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit the course") if self.object else _("New course")
        return context

    def perform(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        m2m = {k: data.pop(k) for k in ("themes", "instruments", "materials")}
        if self.object is None:
            return services.save_course(acting_user=self.request.user, **m2m, **data)
        return services.save_course(acting_user=self.request.user, course=self.object, expected_version=version,
                                    **m2m, **data)  # fmt: skip


class CourseCreateView(CourseFormView):
    action = ADD


class CourseEditView(CourseFormView):
    action = CHANGE


class ModuleAddView(ServiceActionView):
    model = Course
    action = CHANGE
    form_class = ModuleForm
    success_message = gettext_lazy("Module saved.")
    anchor = "#modules"

    def perform(self, obj, data):
        return services.save_module(acting_user=self.request.user, course=obj, **data)


# -- sessions --------------------------------------------------------------------------------------


class SessionListView(PolicyListView):
    model = Session
    filterset_class = SessionFilter
    table_class = SessionTable
    title = gettext_lazy("Training sessions")
    template_name = "training/session_list.html"

    def base_queryset(self):
        return Session.objects.restrict(self.request.user).select_related("course", "activity")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = may(self.request.user, ADD, Session)
        return context


class SessionCreateView(ServiceFormView):
    model = Session
    action = ADD
    form_class = SessionForm
    template_name = "training/form.html"
    success_message = gettext_lazy("Session opened. Give States their seats.")

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Open a training session")
        return context

    def perform(self, form):
        return services.open_session(acting_user=self.request.user, **form.cleaned_data)


class SessionDetailView(PolicyObjectMixin, DetailView):
    model = Session
    template_name = "training/session_detail.html"
    context_object_name = "session"

    def base_queryset(self):
        return Session.objects.restrict(self.request.user).select_related("course", "activity")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session: Any = self.object
        user = self.request.user
        nominations = list(
            Nomination.objects.restrict(user)
            .filter(session=session)
            .select_related("person", "state", "certificate")
            .prefetch_related("attendance")
        )
        for n in nominations:
            n.session = session  # one session: not fetched again per row
        days = session.days()
        enrolled = [n for n in nominations if n.status == NominationStatus.ACCEPTED]
        unodc = roles.is_unodc(user)
        for n in enrolled:
            present = {a.day for a in n.attendance.all() if a.present}
            n.marks = [(day, day in present) for day in days]
            n.problems = services.completion_problems(n) if unodc else []
        seats = list(SeatAllocation.objects.restrict(user).filter(session=session).select_related("state"))
        taken: dict[int, int] = {}
        for n in enrolled:
            taken[n.state_id] = taken.get(n.state_id, 0) + 1
        for row in seats:
            row.taken = taken.get(row.state_id, 0)
        own_state = roles.state_id_of(user)
        can_nominate = session.nominations_open and (
            unodc or any(row.state_id == own_state for row in seats)
        ) and may(user, ADD, Nomination)
        context.update(
            nominations=nominations,
            enrolled=enrolled,
            days=days,
            seats=seats,
            can_change=allows(user, CHANGE, session),
            can_decide=may(user, DECIDE, Nomination),
            nomination_form=NominationForm(states=State.objects.restrict(user).filter(pk__in=[r.state_id for r in seats]) if unodc
                                           else None) if can_nominate else None,  # fmt: skip
            seats_form=SeatsForm() if allows(user, CHANGE, session) else None,
            results=queries.session_results(session),
            derived=services.has_enrolments(session.activity),
            trainers=queries.session_trainers(session, user),
            trainer_form=TrainerAssignForm() if allows(user, CHANGE, session) else None,
        )
        return context


class SeatsView(ServiceActionView):
    model = Session
    action = CHANGE
    form_class = SeatsForm
    success_message = gettext_lazy("Seats saved.")
    anchor = "#seats"

    def perform(self, obj, data):
        return services.set_seats(acting_user=self.request.user, session=obj, **data)


class NominateView(ServiceActionView):
    """A focal point (or UNODC) nominates a participant; who may is the policy's and the service's say."""

    model = Session
    action = VIEW
    success_message = gettext_lazy("Nomination recorded.")
    anchor = "#nominations"

    def get_form(self, obj):
        states = State.objects.restrict(self.request.user) if roles.is_unodc(self.request.user) else None
        return NominationForm(self.request.POST, states=states)

    def perform(self, obj, data):
        if not may(self.request.user, ADD, Nomination):
            raise PermissionDenied
        return services.nominate(acting_user=self.request.user, session=obj, **data)


class DecideView(ServiceActionView):
    model = Nomination
    action = DECIDE
    form_class = DecisionForm
    anchor = "#nominations"

    def perform(self, obj, data):
        return services.decide(acting_user=self.request.user, nomination=obj, **data)

    def get_success_message(self, obj, result):
        return _("Decision recorded: %(status)s.") % {"status": result.get_status_display()}


class WithdrawView(ServiceActionView):
    model = Nomination
    action = CHANGE
    form_class = OptionalReasonForm
    success_message = gettext_lazy("Nomination withdrawn.")
    anchor = "#nominations"

    def perform(self, obj, data):
        return services.withdraw(acting_user=self.request.user, nomination=obj, **data)


class AttendanceView(ServiceActionView):
    """The attendance grid: one checkbox ``present`` = ``<nomination id>:<YYYY-MM-DD>`` per day attended."""

    model = Session
    action = CHANGE
    anchor = "#attendance"

    def perform(self, obj, data):
        present: dict[int, set[datetime.date]] = {}
        for pk in self.request.POST.getlist("enrolled"):
            if not pk.isdigit():
                raise ValidationError(_("The attendance form was incomplete; reload the page."))
            present.setdefault(int(pk), set())
        for value in self.request.POST.getlist("present"):
            pk, _sep, day = value.partition(":")
            try:
                present.setdefault(int(pk), set()).add(datetime.date.fromisoformat(day))
            except ValueError:
                raise ValidationError(_("The attendance form was incomplete; reload the page.")) from None
        return services.record_attendance(acting_user=self.request.user, session=obj, present=present)

    def get_success_message(self, obj, result):
        return _("Attendance saved.")


class ResultsView(ServiceActionView):
    model = Nomination
    action = CHANGE
    form_class = ResultsForm
    success_message = gettext_lazy("Results saved.")
    anchor = "#results"

    def perform(self, obj, data):
        return services.record_results(acting_user=self.request.user, nomination=obj, **data)


class ResultsImportView(ImportView):
    model = Session
    action = CHANGE
    importer_class = ResultsImporter
    title = gettext_lazy("Import test scores")
    intro = gettext_lazy("A CSV or spreadsheet export of the e-learning platform, with the columns identifier, pre, "
                         "post, satisfaction and completed. Every row must name an enrolled participant; nothing is written "
                         "while any row has a problem.")  # fmt: skip

    def get_import_target(self):
        session = object_or_404(Session.objects.restrict(self.request.user, VIEW), pk=self.kwargs["pk"])
        if not allows(self.request.user, CHANGE, session):
            raise PermissionDenied
        return session

    def get_success_url(self, plan):
        return self.target.get_absolute_url() + "#results"


class XapiImportView(ResultsImportView):
    importer_class = XapiImporter
    title = gettext_lazy("Import xAPI statements")
    intro = gettext_lazy("xAPI statements as JSON, from a learning record store: learners named by their e-mail "
                         "(mbox) or account name as nominated; scores become the post-test score, or the pre-test "
                         "score for a pre-test activity; completed or passed marks every day attended.")  # fmt: skip


class IssueCertificatesView(ServiceActionView):
    model = Session
    action = CHANGE
    anchor = "#results"

    def perform(self, obj, data):
        return services.issue_certificates(acting_user=self.request.user, session=obj)

    def get_success_message(self, obj, result):
        return _("Certificates issued: %(n)s.") % {"n": len(result)}


# -- certificates ----------------------------------------------------------------------------------


class CertificateDetailView(PolicyObjectMixin, DetailView):
    model = Certificate
    template_name = "training/certificate_detail.html"
    context_object_name = "certificate"

    def base_queryset(self):
        return Certificate.objects.restrict(self.request.user).select_related("nomination__person", "nomination__session__course")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = allows(self.request.user, CHANGE, self.object)
        context["revoke_form"] = ReasonForm()
        return context


class CertificatePdfView(CertificateDetailView):
    def get(self, request, *args, **kwargs):
        certificate: Any = self.get_object()
        url = request.build_absolute_uri(reverse("training:verify") + f"?code={certificate.code}")
        response = HttpResponse(certificate_pdf(certificate, verify_url=url), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
        return response


class RevokeView(ServiceActionView):
    model = Certificate
    action = CHANGE
    form_class = ReasonForm
    success_message = gettext_lazy("Certificate revoked.")

    def perform(self, obj, data):
        return services.revoke_certificate(acting_user=self.request.user, certificate=obj, **data)


class VerifyView(View):
    """The anonymous verification page: name, course and date of a certificate, and nothing else."""

    def get(self, request):
        code = (request.GET.get("code") or "")[:40]
        result = queries.verify(code) if code else None
        status = 404 if code and result is None else 200
        return render(request, "training/verify.html", {"code": code, "result": result}, status=status)


# -- people ----------------------------------------------------------------------------------------


class PersonListView(PolicyListView):
    model = Person
    filterset_class = PersonFilter
    table_class = PersonTable
    title = gettext_lazy("Trained people")
    template_name = "training/person_list.html"

    def base_queryset(self):
        return Person.objects.restrict(self.request.user).filter(merged_into__isnull=True).select_related("state")


class PersonDetailView(PolicyObjectMixin, DetailView):
    model = Person
    template_name = "training/person_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["transcript"] = queries.transcript(self.object)
        context["can_erase"] = allows(self.request.user, DELETE, self.object)
        return context


class PersonExportView(PersonDetailView):
    """The person's data and transcript, as the person may ask for them (CSV or XLSX)."""

    def get(self, request, *args, **kwargs):
        person: Any = self.get_object()
        fmt = request.GET.get("format", "csv")
        if fmt not in exports.FORMATS:
            fmt = "csv"
        headers = [_("name"), _("stable identifier"), _("State"), _("function"), _("agency"), _("e-mail"),
                   _("telephone"), _("course"), _("starts"), _("ends"), _("days present"), _("pre-test score"),
                   _("post-test score"), _("verification code")]  # fmt: skip
        about = [person.full_name, person.identifier, person.state.name, person.function, person.agency_name,
                 person.email, person.phone]  # fmt: skip
        rows = []
        for n in queries.transcript(person):
            certificate = getattr(n, "certificate", None)
            rows.append([*about, n.session.course.title, n.session.activity.start_date, n.session.activity.end_date,
                         n.days_present, n.pre_score, n.post_score, certificate.code if certificate else ""])  # fmt: skip
        if not rows:
            rows.append([*about, "", "", "", "", "", "", ""])
        return exports.export_response(headers, rows, fmt, filename=f"person-{person.pk}", title=person.full_name,
                                       demo=person.is_demo)  # fmt: skip


class EraseView(ServiceActionView):
    model = Person
    action = DELETE
    success_message = gettext_lazy("The person's personal data were erased.")

    def perform(self, obj, data):
        return services.erase_person(acting_user=self.request.user, person=obj)


class DuplicatesView(PolicyMixin, View):
    """The review step of deduplication: records of one State with the same name; UNODC merges them."""

    model = Person
    action = DELETE

    def get(self, request):
        pairs = queries.duplicate_candidates(Person.objects.restrict(request.user, DELETE))
        return render(request, "training/duplicates.html", {"pairs": pairs, "title": _("Possible duplicates")})

    def post(self, request):
        form = MergeForm(request.POST)
        people = Person.objects.restrict(request.user, DELETE)
        if form.is_valid():
            keep = people.filter(pk=form.cleaned_data["keep"]).first()
            duplicate = people.filter(pk=form.cleaned_data["duplicate"]).first()
            if keep is None or duplicate is None:
                messages.error(request, _("Choose two records of the list."))
            else:
                try:
                    services.merge_people(acting_user=request.user, keep=keep, duplicate=duplicate)
                except ValidationError as exc:
                    for message in error_messages(exc):
                        messages.error(request, message)
                else:
                    messages.success(request, _("Records merged."))
        else:
            messages.error(request, _("Choose two records of the list."))
        return redirect("training:duplicates")


# -- the trainers' roster --------------------------------------------------------------------------


class TrainerListView(PolicyListView):
    """The roster, searchable by theme, instrument, language and kind to staff a new session."""

    model = Trainer
    filterset_class = TrainerFilter
    table_class = TrainerTable
    title = gettext_lazy("Trainers and experts")
    template_name = "training/trainer_list.html"
    intro = gettext_lazy("People who deliver training: UNODC staff, consultants and partner experts, with the sessions "
                         "they delivered and the participants' ratings.")  # fmt: skip

    def base_queryset(self):
        return queries.trainer_list_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = may(self.request.user, ADD, Trainer)
        return context


class TrainerDetailView(PolicyObjectMixin, DetailView):
    model = Trainer
    template_name = "training/trainer_detail.html"
    context_object_name = "trainer"

    def base_queryset(self):
        return queries.trainer_list_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trainer, user = self.object, self.request.user
        context.update(
            parts=queries.sessions_delivered(trainer, user),
            sees_contact=allows(user, CONTACT, trainer),
            can_change=allows(user, CHANGE, trainer),
        )
        return context


class TrainerFormView(ServiceFormView):
    model = Trainer
    form_class = TrainerForm
    template_name = "training/form.html"
    success_message = gettext_lazy("Trainer saved.")

    def get_form_kwargs(self):
        return {"instance": self.object} if self.object is not None else {}

    def get_initial(self):
        return {"version": self.object.version} if self.object is not None else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit the trainer") if self.object else _("Add a trainer or expert")
        return context

    def perform(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        m2m = {k: data.pop(k) for k in ("themes", "instruments")}
        if self.object is None:
            return services.save_trainer(acting_user=self.request.user, **m2m, **data)
        return services.save_trainer(acting_user=self.request.user, trainer=self.object, expected_version=version,
                                     **m2m, **data)  # fmt: skip


class TrainerCreateView(TrainerFormView):
    action = ADD


class TrainerEditView(TrainerFormView):
    action = CHANGE


class TrainerAssignView(ServiceActionView):
    """UNODC records who delivers a session, in which role, and the participants' rating."""

    model = Session
    action = CHANGE
    form_class = TrainerAssignForm
    success_message = gettext_lazy("Trainer saved for the session.")
    anchor = "#trainers"

    def perform(self, obj, data):
        return services.assign_trainer(acting_user=self.request.user, session=obj, **data)
