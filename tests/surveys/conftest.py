import pytest

from mosharekat.surveys import services
from mosharekat.surveys.models import Survey


@pytest.fixture
def survey(db):
    return services.standard_survey(Survey.Kind.SERVICE)


@pytest.fixture
def respond(survey):
    """Record a response with scores given by question code: respond(overall=5, behaviour=4, service=…)."""

    def factory(source="web", suggestion="", **kwargs):
        targets = {k: kwargs.pop(k) for k in list(kwargs) if k in (
            "service", "staff", "counter", "case", "submitted_at", "entered_by", "kiosk", "visit_nonce")}
        answers = {q: kwargs.get(q.code) for q in survey.questions.all() if q.code in kwargs}
        if suggestion:
            answers[survey.questions.get(code="suggestion")] = suggestion
        return services.submit_response(survey, answers, source=source, **targets)

    return factory
