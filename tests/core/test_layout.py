"""The site header is rendered once per process and kept (CACHES["fragments"]): what it shows must still
depend on who is looking."""

from django.urls import reverse

from tests.factories import PASSWORD


def _has_inbox_link(client) -> bool:
    page = client.get(reverse("desk:submit")).content.decode()
    assert f'href="{reverse("desk:track")}"' in page  # the header is there at all
    return f'href="{reverse("staff:inbox")}"' in page


def test_only_staff_see_the_inbox_link_in_the_header_whoever_came_first(client, staff_a):
    assert not _has_inbox_link(client)
    client.login(username="staff_a", password=PASSWORD)
    assert _has_inbox_link(client)
    client.logout()
    assert not _has_inbox_link(client)
