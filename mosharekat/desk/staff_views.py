"""Staff views of the desk. Every case is fetched through ``services.get_case_for`` so a case of
another unit answers 404, whatever the URL."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from mosharekat.core.staff import staff_required

from . import access, search, services, tracking
from .forms import AnswerForm, InboxFilterForm, MergeForm, NoteForm, ReassignForm, canned_answers_for
from .models import Attachment, Status


def _case_or_404(request, pk):
    try:
        return services.get_case_for(request.user, pk)
    except PermissionDenied:
        raise Http404 from None


def filter_inbox(qs, data):
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("channel"):
        qs = qs.filter(channel=data["channel"])
    if data.get("service"):
        qs = qs.filter(service=data["service"])
    if data.get("overdue"):
        qs = qs.filter(services.overdue_q())
    if data.get("q"):
        qs = search.filter_cases(qs, data["q"])
    return qs


# Exact counts of millions of cases cost seconds (bench/inbox.py); past this the inbox shows "10 000+".
COUNT_CAP = 10_000


def capped_count(qs, cap=None):
    """min(count, cap + 1): the database stops after cap + 1 rows, so big sets cost no more than small ones."""
    cap = COUNT_CAP if cap is None else cap
    return qs.order_by().values("pk")[: cap + 1].count()


# A search for frequent words matches a tenth of the cases: counting 10 001 of them reads ~100 k rows.
SEARCH_COUNT_CAP = 1_000


class CappedPaginator(Paginator):
    """A paginator that never counts past COUNT_CAP + 1 rows (pages beyond it are not offered)."""

    def __init__(self, *args, cap=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cap = cap

    @cached_property
    def count(self):
        return capped_count(self.object_list, self.cap)


def _shown(n, cap=None):
    cap = COUNT_CAP if cap is None else cap
    return min(n, cap), n > cap


@staff_required
def inbox(request):
    form = InboxFilterForm(request.GET or None)
    visible = services.visible_cases(request.user).filter(merged_into__isnull=True)
    data = form.cleaned_data if form.is_valid() else {}
    qs = filter_inbox(visible, data)
    cap = SEARCH_COUNT_CAP if data.get("q") else None
    page = CappedPaginator(qs, 25, cap=cap).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "total": _shown(page.paginator.count, cap),
        "counts": [(value, label, *_shown(capped_count(visible.filter(status=value))))
                   for value, label in Status.choices],
        "overdue_count": _shown(capped_count(visible.filter(services.overdue_q()))),
        "today": services.local_today(),
    }
    return render(request, "staff/inbox.html", context)


@staff_required
def overdue(request):
    qs = services.visible_cases(request.user).filter(services.overdue_q()).order_by("due_date")
    return render(request, "staff/overdue.html", {"cases": qs[:500], "today": services.local_today()})


@staff_required
def case_detail(request, pk):
    case = _case_or_404(request, pk)
    canned = canned_answers_for(case)
    initial = {}
    if request.GET.get("canned"):
        chosen = canned.filter(pk=request.GET["canned"]).first()
        initial = {"body": chosen.body} if chosen else {}
    context = {
        "case": case,
        "events": case.events.select_related("author").prefetch_related("attachments"),
        "answer_form": AnswerForm(initial=initial),
        "note_form": NoteForm(),
        "reassign_form": ReassignForm(),
        "merge_form": MergeForm(),
        "canned": canned,
        "today": services.local_today(),
        "merged": case.merged.all(),
    }
    return render(request, "staff/case.html", context)


def _act(request, pk, form_class, action):
    """Run one staff verb from a POSTed form; errors come back as Persian messages on the case page."""
    case = _case_or_404(request, pk)  # before the method check: another unit's case is a 404 either way
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("staff:case", pk=case.pk)
    try:
        action(case, form.cleaned_data if form else {})
        messages.success(request, _("Done."))
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    return redirect("staff:case", pk=case.pk)


@staff_required
def start(request, pk):
    return _act(request, pk, None, lambda case, d: services.start(case, request.user))


@staff_required
def answer(request, pk):
    return _act(request, pk, AnswerForm, lambda c, d: services.answer(c, request.user, d["body"], d["attachments"]))


@staff_required
def note(request, pk):
    return _act(request, pk, NoteForm, lambda case, d: services.add_note(case, request.user, d["body"]))


@staff_required
def reassign(request, pk):
    return _act(request, pk, ReassignForm, lambda c, d: services.reassign(c, request.user, d["unit"], d["reason"]))


@staff_required
def close(request, pk):
    return _act(request, pk, None, lambda case, d: services.close(case, request.user))


@staff_required
def merge(request, pk):
    def action(case, data):
        code = tracking.parse(data["target_code"])
        target = services.visible_cases(request.user).filter(tracking_code=code).first() if code else None
        if target is None:
            raise ValidationError(_("No case of your unit has this tracking code."))
        services.merge(case, target, request.user)

    return _act(request, pk, MergeForm, action)


@staff_required
def attachment(request, pk, attachment_pk):
    case = _case_or_404(request, pk)
    return access.serve_attachment(get_object_or_404(Attachment, pk=attachment_pk, case=case))

