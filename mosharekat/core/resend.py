"""A form sent twice (a double tap, a resend after the answer was lost) stores one record.

Every public form carries a one-time token. What a record keeps is not that token but one derived from it
and from the content, so the same form sent again finds the record it made, while the form reopened with
the browser's Back button and rewritten makes a new record, under a token of its own, which its own
resend then finds: no content is compared, and no record is ever stored without a token.
"""

import json
import uuid

from django.db import IntegrityError


def content_token(form_token, *parts) -> uuid.UUID:
    """The token a record made by this form with this content keeps. ``parts`` are the content as the
    service stores it (after clean_text and the like): the same text typed again gives the same token."""
    content = json.dumps(parts, ensure_ascii=False, default=str)
    return uuid.uuid5(uuid.UUID(str(form_token)), content)


def store_once(store, find):
    """``store()``'s new record, or the one a twin of this form, sent at the same moment, stored first.

    The twin shows as an IntegrityError on the unique token, or as ``store()`` refusing (None) because the
    twin used up what it needed (a one-time SMS code); then ``find()`` gives the twin's record, if there is one.
    """
    try:
        record = store()
    except IntegrityError:
        if (earlier := find()) is not None:
            return earlier
        raise
    return record if record is not None else find()
