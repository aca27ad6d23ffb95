"""Board assurance reviews for tests, rated through the services."""

from django.core.files.base import ContentFile

from boardtool import services
from boardtool.models import Pack, Prompt, Review
from tests.core.factories import OrganisationRecordFactory


class ReviewFactory(OrganisationRecordFactory):
    class Meta:
        model = Review

    subject_kind = Review.Subject.STRATEGY
    subject = "Health Inequalities Framework"
    board = "Quality and Safety Committee"


def prompt(code: str) -> Prompt:
    """ "K1P2": the prompt of key line K1 and priority P2."""
    return Prompt.objects.get(kloe__code=code[:2], priority__code=code[2:])


def rate(review, ratings: dict, *, by, citations=(), evidence="Seen at committee"):
    """`ratings` maps "K1P1"-style codes to ratings."""
    for code, rating in ratings.items():
        services.save_cell(
            review=review,
            prompt=prompt(code),
            expected_version=None,
            rating=rating,
            evidence=evidence,
            citations=list(citations),
            by=by,
        )
    return review


def approved(review, *, author, approver, ratings=None):
    rate(review, ratings or {"K1P1": "assured"}, by=author)
    services.submit_review(review=review, by=author)
    return services.approve_review(review=review, by=approver)


def pack_in(organisation, *, state="queued", by):
    """A pack as the builder leaves it: queued, or done with a (tiny) file."""
    made = Pack.objects.create(
        organisation=organisation, board="Trust Board", meeting_date="2026-12-10", created_by=by
    )
    if state == "done":
        made.file.save(f"pack-{made.pk}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        made.state = Pack.State.DONE
        made.save()
    if state == "failed":
        made.state, made.error = Pack.State.FAILED, "ValueError: broken"
        made.save()
    return made
