"""SMS: segment sizes, the gateway interface, the embedded outbox gateway and a Kavenegar adapter.

A gateway sends (``send``) and reads inbound messages (``parse_inbound`` for a webhook request,
``poll`` for providers that only offer polling). Any gateway also works as the core ``SMS_BACKEND``.
"""

import abc
import json
import logging
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

from mosharekat.core.text import latin_digits

log = logging.getLogger(__name__)

# GSM 03.38 basic set (+ the extension table, which costs two septets): anything else, e.g. Persian,
# is sent as UCS-2: 70 characters in one message, 67 per part of a concatenated message.
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")


def _units(text: str) -> tuple[int, bool]:
    """(length in the encoding's units, is UCS-2)."""
    if all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text):
        return sum(2 if ch in _GSM_EXTENDED else 1 for ch in text), False
    # UCS-2 counts UTF-16 code units (a character outside the BMP takes two).
    return len(text.encode("utf-16-le")) // 2, True


def segments(text: str) -> int:
    """How many SMS parts the text takes: Persian 70 alone / 67 per part, Latin GSM 160 / 153."""
    length, ucs2 = _units(text or "")
    single, multi = (70, 67) if ucs2 else (160, 153)
    if length <= single:
        return 1
    return -(-length // multi)


def fits(text: str, max_segments: int | None = None) -> bool:
    return segments(text) <= (max_segments or settings.CHANNELS_SMS_MAX_SEGMENTS)


@dataclass
class InboundSms:
    message_id: str
    sender: str
    receiver: str
    text: str


class GatewayError(Exception):
    pass


class SmsGateway(abc.ABC):
    """The interface every SMS provider adapter implements."""

    @abc.abstractmethod
    def send(self, recipient: str, text: str) -> None:
        """Hand one text to the provider; raise GatewayError when it refuses."""

    def parse_inbound(self, data) -> InboundSms:
        """An inbound message from the webhook's parameters (a QueryDict or dict)."""
        return InboundSms(
            message_id=str(data.get("messageid") or data.get("message_id") or "").strip(),
            sender=latin_digits(str(data.get("from") or data.get("sender") or "")).strip(),
            receiver=latin_digits(str(data.get("to") or data.get("receptor") or "")).strip(),
            text=str(data.get("message") or data.get("text") or ""),
        )

    def poll(self) -> list[InboundSms]:
        return []


class OutboxGateway(SmsGateway):
    """Embedded mode and tests: the outbox row is the message; nothing leaves the machine."""

    def send(self, recipient: str, text: str) -> None:
        return None


class KavenegarGateway(SmsGateway):
    """Kavenegar's HTTP API (https://kavenegar.com/rest.html), called directly with urllib.

    send:    POST {base}/{API-KEY}/sms/send.json    receptor, message, sender
    receive: GET  {base}/{API-KEY}/sms/receive.json linenumber, isread=0   (polling)
    webhook: the panel calls our URL with messageid, from, to, message.
    """

    timeout = 10

    def __init__(self, api_key=None, sender=None, base_url=None):
        self.api_key = api_key if api_key is not None else settings.KAVENEGAR_API_KEY
        self.sender = sender if sender is not None else settings.KAVENEGAR_SENDER
        self.base_url = (base_url or settings.KAVENEGAR_API_URL).rstrip("/")

    def _call(self, method: str, params: dict) -> dict:
        if not self.api_key:
            raise GatewayError("KAVENEGAR_API_KEY is not set")
        url = f"{self.base_url}/{urllib.parse.quote(self.api_key, safe='')}/sms/{method}.json"
        if not url.startswith(("https://", "http://")):
            raise GatewayError("the Kavenegar URL must be http(s)")
        body = urllib.parse.urlencode(params).encode()
        request = urllib.request.Request(  # noqa: S310  scheme checked above
            url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                payload = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            try:
                payload = json.loads(exc.read().decode("utf-8"))
            except ValueError:
                raise GatewayError(f"Kavenegar HTTP {exc.code}") from exc
        except (OSError, ValueError) as exc:
            raise GatewayError(f"Kavenegar unreachable: {exc}") from exc
        status = (payload.get("return") or {}).get("status")
        if status != 200:
            message = (payload.get("return") or {}).get("message", "")
            raise GatewayError(f"Kavenegar status {status}: {message}")
        return payload

    def send(self, recipient: str, text: str) -> None:
        params = {"receptor": recipient, "message": text}
        if self.sender:
            params["sender"] = self.sender
        self._call("send", params)

    def poll(self) -> list[InboundSms]:
        payload = self._call("receive", {"linenumber": self.sender, "isread": 0})
        found = []
        for entry in payload.get("entries") or []:
            found.append(
                InboundSms(
                    message_id=str(entry.get("messageid", "")),
                    sender=latin_digits(str(entry.get("sender", ""))),
                    receiver=latin_digits(str(entry.get("receptor", ""))),
                    text=str(entry.get("message", "")),
                )
            )
        return found


def gateway() -> SmsGateway:
    return import_string(settings.CHANNELS_SMS_GATEWAY)()
