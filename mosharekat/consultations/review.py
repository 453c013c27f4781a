"""What the owning unit reviews on a draft's staff page: its comments as rows of groups, a page at a time.

A draft may draw 100 000 comments, mostly copies of a few campaign letters, and one disposition serves a
whole group; so the page lists groups (largest first), each with its size and one example, and a
comment not (yet) in a group is a row of its own. The database counts and pages the rows: the work per
page is the same for 10 comments or 100 000.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import BigIntegerField, Count, F, Min
from django.db.models.functions import Coalesce

from .models import Comment

GROUPS_PER_PAGE = 25
COMMENTS_PER_PAGE = 50
SHOWS = ("published", "missing", "removed")


@dataclass(frozen=True)
class Filters:
    show: str = "published"  # published | missing (without disposition) | removed
    stance: str = ""
    provision: str = ""  # "" all, "none" the draft as a whole, else a provision id

    @classmethod
    def from_query(cls, query, provision_ids) -> "Filters":
        """Unknown values are ignored (an old bookmark still opens the page), never an error."""
        show = query.get("show", "")
        stance = query.get("stance", "")
        provision = query.get("provision", "")
        return cls(show=show if show in SHOWS else "published",
                   stance=stance if stance in Comment.Stance.values else "",
                   provision=provision if provision == "none" or provision in provision_ids else "")

    def apply(self, comments):
        if self.show == "removed":
            comments = comments.filter(status=Comment.Status.REMOVED)
        else:
            comments = comments.filter(status=Comment.Status.PUBLISHED)
        if self.show == "missing":
            comments = comments.filter(group__disposition__isnull=True)
        if self.stance:
            comments = comments.filter(stance=self.stance)
        if self.provision == "none":
            comments = comments.filter(provision__isnull=True)
        elif self.provision:
            comments = comments.filter(provision_id=int(self.provision))
        return comments


@dataclass
class Row:
    """A group, or a comment in no group: ``size`` comments matching the filters, ``example`` the first."""

    size: int
    example: Comment

    @property
    def group(self):
        return self.example.group


def _full(comments):
    return comments.select_related("provision", "group__disposition").prefetch_related("replies")


def group_rows(document, filters: Filters, page_number):
    """One page of rows, largest groups first (then the oldest). A comment in no group gets its own row
    key (minus its id, never a group id), so groups and single comments are counted and paged together."""
    key = Coalesce(F("group_id"), -F("id"), output_field=BigIntegerField())
    keys = (filters.apply(document.comments.order_by()).annotate(key=key).values("key")
            .annotate(size=Count("id"), first=Min("id")).order_by("-size", "first"))
    page = Paginator(keys, GROUPS_PER_PAGE).get_page(page_number)
    sizes = {row["first"]: row["size"] for row in page.object_list}
    examples = {c.pk: c for c in _full(Comment.objects.filter(id__in=list(sizes)))}
    page.object_list = [Row(size, examples[pk]) for pk, size in sizes.items()]
    return page


def group_comments_page(group, page_number):
    """The members of one group, oldest first, a page at a time (ids first, then only that page's rows)."""
    comments = group.comments.order_by("created_at", "id")
    page = Paginator(comments.values_list("id", flat=True), COMMENTS_PER_PAGE).get_page(page_number)
    page.object_list = list(_full(comments.filter(id__in=list(page.object_list))))
    return page
