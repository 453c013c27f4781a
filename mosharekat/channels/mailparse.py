"""Reading inbound mail: headers that matter, the text in any common charset, HTML turned into plain
text (never rendered), and attachments as uploads the desk can check."""

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile

MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr",
    "section", "article", "header", "footer", "ul", "ol", "dd", "dt",
}
_SKIP_TAGS = {"script", "style", "head", "title", "template", "noscript", "svg", "object", "iframe"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML mail; tags, scripts and styles are dropped, entities decoded."""
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _decode(part) -> str:
    payload = part.get_payload(decode=True) or b""
    charset = (part.get_content_charset() or "").lower()
    for candidate in (charset, "utf-8", "windows-1256"):
        if not candidate:
            continue
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("utf-8", errors="replace")


def message_ids(value) -> list[str]:
    return MESSAGE_ID.findall(str(value or ""))


@dataclass
class ParsedMail:
    message_id: str
    from_name: str
    from_address: str
    recipients: list
    subject: str
    text: str
    in_reply_to: list
    references: list
    headers: object
    attachments: list = field(default_factory=list)  # SimpleUploadedFile, declared type in .content_type

    @property
    def thread_ids(self) -> list[str]:
        """Message-IDs this mail answers, nearest first."""
        seen, ordered = set(), []
        for mid in self.in_reply_to + list(reversed(self.references)):
            if mid not in seen:
                seen.add(mid)
                ordered.append(mid)
        return ordered

    def header(self, name) -> str:
        return str(self.headers.get(name, "") or "").strip()


def _header(msg, name) -> str:
    try:
        return str(msg.get(name, "") or "")
    except Exception:  # a malformed header must not lose the message
        return ""


def parse(raw: bytes, envelope_recipients=()) -> ParsedMail:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    ids = message_ids(_header(msg, "Message-ID"))
    message_id = ids[0] if ids else f"<sha256.{hashlib.sha256(raw).hexdigest()}@missing-message-id>"
    from_name, from_address = parseaddr(_header(msg, "From"))
    recipients = [a.lower() for a in envelope_recipients]
    if not recipients:
        for name in ("Delivered-To", "X-Original-To", "To", "Cc"):
            values = [_header(msg, name)] if msg.get(name) else []
            recipients += [addr.lower() for _n, addr in getaddresses(values) if addr]
    plain, html, attachments = [], [], []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        filename = part.get_filename()
        disposition = part.get_content_disposition()
        if filename or disposition == "attachment" or part.get_content_maintype() not in ("text",):
            data = part.get_payload(decode=True) or b""
            if data:
                upload = SimpleUploadedFile(filename or "attachment", data, content_type=ctype)
                attachments.append(upload)
            continue
        if ctype == "text/plain":
            plain.append(_decode(part))
        elif ctype == "text/html":
            html.append(_decode(part))
    text = "\n\n".join(p.strip() for p in plain if p.strip())
    if not text and html:
        text = "\n\n".join(html_to_text(h) for h in html)
    return ParsedMail(
        message_id=message_id[:255],
        from_name=from_name.strip(),
        from_address=from_address.strip().lower(),
        recipients=list(dict.fromkeys(recipients)),
        subject=" ".join(_header(msg, "Subject").split()),
        text=text.replace("\r\n", "\n").strip(),
        in_reply_to=message_ids(_header(msg, "In-Reply-To")),
        references=message_ids(_header(msg, "References")),
        headers=msg,
        attachments=attachments,
    )


def is_bounce_or_auto_reply(mail: ParsedMail) -> str:
    """Why this mail must not become a case (a bounce or an automatic reply), or ''."""
    return_path = mail.header("Return-Path")
    local = mail.from_address.partition("@")[0]
    if return_path == "<>" or local in ("mailer-daemon", "postmaster"):
        return "bounce"
    if "report" in mail.headers.get_content_type() and "delivery-status" in mail.header("Content-Type").lower():
        return "bounce"
    auto = mail.header("Auto-Submitted").lower()
    if auto and auto != "no":
        return "auto-submitted"
    if mail.header("Precedence").lower() == "auto_reply" or mail.header("X-Autoreply") or mail.header("X-Autorespond"):
        return "auto-reply"
    return ""


def wants_no_reply(mail: ParsedMail) -> str:
    """Why no acknowledgement may be sent to this mail (lists, bulk mail, RFC 3834), or ''."""
    if mail.header("Precedence").lower() in ("bulk", "junk", "list"):
        return "precedence"
    if mail.header("List-Id") or mail.header("List-Unsubscribe"):
        return "mailing list"
    if mail.header("X-Auto-Response-Suppress"):
        return "auto-response suppressed"
    return ""
