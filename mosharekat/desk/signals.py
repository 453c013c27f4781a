"""What the desk tells other apps (channels, surveys) without knowing them: arrows point to the desk."""

from django.dispatch import Signal

case_submitted = Signal()  # sender=Case, case=
citizen_wrote = Signal()  # sender=Case, case=, event=
case_answered = Signal()  # sender=Case, case=, event=
case_closed = Signal()  # sender=Case, case=
