"""Board assurance reviews for tests, rated through the services."""

import factory

from boardtool import services
from boardtool.models import Prompt, Review
from tests.core.factories import OrganisationFactory, UserFactory


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    organisation = factory.SubFactory(OrganisationFactory)
    subject_kind = Review.Subject.STRATEGY
    subject = "Health Inequalities Framework"
    board = "Quality and Safety Committee"
    created_by = factory.SubFactory(UserFactory)


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
