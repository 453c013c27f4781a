"""The published moderation policy for comments on drafts and news (clause 4 of Article 9: criticism is
never removed for being critical). The public page and the removal forms read the same grounds, so every
removal reason names a published ground."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mosharekat.core.text import clean_text, persian_digits

# (code, short name used in removal reasons, what it covers on the public page)
GROUNDS = [
    ("insult", _("Insult or obscenity"),
     _("Insulting, obscene or degrading words aimed at a person, an ethnic group or a religion.")),
    ("threat", _("Threat or incitement to violence"),
     _("Threatening someone or calling for violence or hatred.")),
    ("privacy", _("Someone's personal information"),
     _("Another person's phone number, address, national ID, or private details about them.")),
    ("spam", _("Advertising or unrelated content"),
     _("Commercial advertising, links to sell something, or text unrelated to the draft or news item.")),
    ("unlawful", _("Content whose publication is an offence"),
     _("Content whose publication is itself an offence under the law, such as classified information.")),
]
GROUND_NAMES = {code: name for code, name, _description in GROUNDS}


def removal_reason(ground: str, detail: str = "") -> str:
    """The reason shown publicly in place of a removed comment: the ground's number and name, then detail."""
    number = [code for code, *_rest in GROUNDS].index(ground) + 1
    reason = _("Ground %(n)s of the moderation policy: %(name)s") % {"n": persian_digits(number),
                                                                     "name": GROUND_NAMES[ground]}
    return f"{reason} — {detail}" if detail else str(reason)


class RemovalForm(forms.Form):
    """A removal names one published ground; the optional detail is shown with it."""

    ground = forms.ChoiceField(label=_("ground for removal"), choices=[(c, n) for c, n, _d in GROUNDS])
    detail = forms.CharField(label=_("detail (optional)"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ground"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["detail"].widget.attrs["class"] = "form-control form-control-sm"

    def reason(self) -> str:
        return removal_reason(self.cleaned_data["ground"], clean_text(self.cleaned_data["detail"]).strip())
