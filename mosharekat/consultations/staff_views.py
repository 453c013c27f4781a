"""The owning unit's pages for its drafts: list, create, edit while unpublished, publish, revise, reply.
Moderation, grouping, dispositions and issuing are on the document page in ``views``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mosharekat.core.models import Unit
from mosharekat.core.rules import visible_unit_ids
from mosharekat.core.staff import staff_required

from . import drafting, rules, services
from .forms import DraftForm, PublishForm, ReplyForm, RevisionForm
from .models import Comment, DraftDocument


def _managed(request, pk):
    document = get_object_or_404(DraftDocument.objects.select_related("unit"), pk=pk)
    if not rules.can_manage(request.user, document):
        raise Http404
    return document


def _units(user):
    ids = visible_unit_ids(user)
    return Unit.objects.all() if ids is None else Unit.objects.filter(pk__in=ids)


@staff_required
def staff_list(request):
    now = timezone.now()
    published = Q(comments__status=Comment.Status.PUBLISHED)
    documents = (rules.managed_documents(request.user, DraftDocument.objects.select_related("unit"))
                 .annotate(n_comments=Count("comments", filter=published),
                           n_missing=Count("comments", filter=published & Q(comments__group__disposition__isnull=True)))
                 .order_by("-id"))
    rows = [(d, d.state(now)) for d in documents]
    return render(request, "consultations/staff_list.html", {"rows": rows})


def _draft_form_page(request, form, document=None):
    return render(request, "consultations/staff_draft_form.html", {"form": form, "document": document},
                  status=400 if form.is_bound else 200)


@staff_required
def staff_new(request):
    form = DraftForm(request.POST or None, units=_units(request.user), initial={"unit": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        document = drafting.save_draft(form.save(commit=False), form.cleaned_data["provisions"], request.user)
        messages.success(request, _("The draft is saved. After reviewing it, publish it for comment."))
        return redirect("consultations:staff_document", pk=document.pk)
    return _draft_form_page(request, form)


@staff_required
def staff_edit(request, pk):
    document = _managed(request, pk)
    if document.published_at:
        messages.error(request, _("A published draft is not edited; to change its text, add a revised version."))
        return redirect("consultations:staff_document", pk=pk)
    initial = {"text": drafting.as_text(document.latest_version())}
    form = DraftForm(request.POST or None, instance=document, initial=initial, units=_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            drafting.save_draft(form.save(commit=False), form.cleaned_data["provisions"], request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The changes to the draft are saved."))
            return redirect("consultations:staff_document", pk=pk)
    return _draft_form_page(request, form, document)


@staff_required
@require_POST
def staff_publish(request, pk):
    document = _managed(request, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the comment period in days, a number from 1 to 365, or leave it empty."))
        return redirect("consultations:staff_document", pk=pk)
    try:
        drafting.publish(document, request.user, form.cleaned_data["period_days"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The draft is published for public comment and the comment period has started."))
    return redirect("consultations:staff_document", pk=pk)


@staff_required
def staff_revise(request, pk):
    document = _managed(request, pk)
    form = RevisionForm(request.POST or None, initial={"text": drafting.as_text(document.latest_version())})
    if request.method == "POST" and form.is_valid():
        try:
            drafting.revise(document, form.cleaned_data["provisions"], request.user, form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The revised version is recorded and its changes from the draft are "
                                        "published."))
            return redirect("consultations:staff_document", pk=pk)
    return render(request, "consultations/staff_revise.html", {"form": form, "document": document},
                  status=400 if form.is_bound else 200)


@staff_required
@require_POST
def staff_reply(request, pk, comment_pk):
    document = _managed(request, pk)
    comment = get_object_or_404(Comment, pk=comment_pk, document=document)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the text of the official reply."))
    else:
        try:
            services.reply(comment, request.user, form.cleaned_data["body"])
            messages.success(request, _("The official reply is published under the comment."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return back(request, pk, f"#c-{comment.pk}")


def back(request, pk, anchor=""):
    """Back to the staff page the form was posted from (its filters and page number), else the draft's
    staff page: only an address under that draft's own staff pages is followed."""
    home = reverse("consultations:staff_document", args=[pk])
    target = request.POST.get("next", "")
    if not (target.startswith(home) and url_has_allowed_host_and_scheme(target, {request.get_host()})):
        target = home
    return redirect(target + anchor)
