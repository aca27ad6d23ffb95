"""Built packs in a real S3-compatible store (moto's server on loopback): the pack goes to
the bucket; one deleted behind our back is built again when asked for; a store that is down
fails the build in words, and it may be tried again."""

import pytest
from django.urls import reverse

from boardtool import pack as builder
from boardtool.models import Pack
from tests.assessments.factories import approved_assessment
from tests.boardtool.test_packs import ask, key

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack(cast):
    record = approved_assessment(cast.organisation, author=cast.author, approver=cast.approver)
    return ask(cast, [key(record)])


def built(pack) -> Pack:
    builder.build(pack.pk)
    return Pack.objects.get(pk=pack.pk)


def test_a_built_pack_is_kept_in_the_bucket(client_for, cast, object_store, pack):
    done = built(pack)
    assert done.state == Pack.State.DONE
    assert object_store.keys() == [done.file.name]
    download = client_for(cast.viewer).get(reverse("boardtool:pack_download", args=[pack.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_pack_deleted_from_the_bucket_is_built_again_when_asked_for(
    client_for, cast, object_store, pack
):
    done = built(pack)
    object_store.client().delete_object(Bucket="inclusive-decisions-test", Key=done.file.name)
    client = client_for(cast.viewer)
    response = client.get(reverse("boardtool:pack_download", args=[pack.pk]), follow=True)
    assert "it is being built again" in response.content.decode()
    assert Pack.objects.get(pk=pack.pk).state == Pack.State.QUEUED
    assert built(pack).state == Pack.State.DONE and len(object_store.keys()) == 1


def test_a_store_that_is_down_fails_the_build_in_words_and_it_may_be_tried_again(
    client_for, cast, object_store, pack
):
    object_store.stop()
    failed = built(pack)
    assert failed.state == Pack.State.FAILED and failed.may_retry
    assert failed.error.startswith("The file store could not be reached")
    page = client_for(cast.board_secretary).get(failed.get_absolute_url()).content.decode()
    assert "The file store could not be reached" in page and "Try again" in page

    object_store.running()
    object_store.empty_bucket()
    client_for(cast.board_secretary).post(reverse("boardtool:pack_retry", args=[pack.pk]))
    assert built(pack).state == Pack.State.DONE and len(object_store.keys()) == 1


def test_a_store_that_is_down_makes_the_download_a_clear_page(client_for, cast, object_store, pack):
    built(pack)
    object_store.stop()
    response = client_for(cast.viewer).get(reverse("boardtool:pack_download", args=[pack.pk]))
    assert response.status_code == 503
    assert "Files are not available at the moment" in response.content.decode()
