"""A worker killed mid-build: its pack stops beating, and within a minute the pack's page
says the build stopped, fails it and offers to try again; a build still beating is left
alone."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from boardtool.models import Pack
from boardtool.pack import beating
from tests.boardtool.factories import pack_in


def building(cast, *, silent_for):
    pack = pack_in(cast.organisation, by=cast.board_secretary)
    started = timezone.now() - datetime.timedelta(minutes=2)
    Pack.objects.filter(pk=pack.pk).update(
        state=Pack.State.BUILDING,
        started_at=started,
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=silent_for),
    )
    return pack


@pytest.mark.django_db
def test_a_silent_build_is_failed_and_may_be_tried_again(client_for, cast):
    pack = building(cast, silent_for=50)
    client = client_for(cast.board_secretary)
    page = client.get(pack.get_absolute_url()).content.decode()
    assert "The worker building it stopped before it finished" in page
    assert "45 seconds" in page and "Try again" in page
    pack.refresh_from_db()
    assert pack.state == Pack.State.FAILED
    client.post(reverse("boardtool:pack_retry", args=[pack.pk]))
    pack.refresh_from_db()
    assert pack.state == Pack.State.QUEUED


@pytest.mark.django_db
def test_a_build_still_beating_is_left_alone(client_for, cast):
    pack = building(cast, silent_for=5)
    page = client_for(cast.board_secretary).get(pack.get_absolute_url()).content.decode()
    assert "Building part" in page and "Try again" not in page
    pack.refresh_from_db()
    assert pack.state == Pack.State.BUILDING


@pytest.mark.django_db(transaction=True)
def test_a_running_build_beats_from_its_own_thread(cast):
    pack = building(cast, silent_for=600)
    with beating(pack.pk, every=datetime.timedelta(milliseconds=50)):
        time.sleep(0.5)  # as a long part renders: the main thread is busy
    pack.refresh_from_db()
    assert timezone.now() - pack.heartbeat_at < datetime.timedelta(seconds=2)
    assert not pack.is_dead
