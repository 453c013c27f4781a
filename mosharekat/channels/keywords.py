"""Leading words of a text message or mail subject: the kind of case and the topic."""

from mosharekat.catalog.models import Topic
from mosharekat.core.text import search_key
from mosharekat.desk.models import Kind

DEFAULT_KIND = Kind.CRITICISM  # «انتقاد و نظر»: what a text without a keyword most often is
KIND_WORDS = {
    search_key("شکایت"): Kind.COMPLAINT,
    search_key("پیشنهاد"): Kind.SUGGESTION,
    search_key("انتقاد"): Kind.CRITICISM,
    search_key("نظر"): Kind.CRITICISM,
    search_key("درخواست"): Kind.REQUEST,
}


def topic_for_keyword(word: str):
    key = search_key(word)
    if not key:
        return None
    for topic in Topic.objects.filter(is_active=True).exclude(sms_keyword=""):
        if search_key(topic.sms_keyword) == key:
            return topic
    return None


def read_leading_words(text: str, default_kind=DEFAULT_KIND):
    """(kind, topic, rest of the text) from up to two leading keywords, in either order."""
    kind, topic = None, None
    rest = (text or "").strip()
    for _round in range(2):
        word, _sep, remainder = rest.partition(" ")
        word = word.strip(" :،,.-\n")
        if "\n" in word:
            word, _nl, more = word.partition("\n")
            remainder = f"{more} {remainder}".strip()
        key = search_key(word)
        if kind is None and key in KIND_WORDS:
            kind = KIND_WORDS[key]
        elif topic is None and (found := topic_for_keyword(word)) is not None:
            topic = found
        else:
            break
        rest = remainder.strip(" :،,.-\n")
    return kind or default_kind, topic, rest
