"""The store page says when the store opens or closes in the store's own time, not in the
server's (UTC): a Milan store opening at 9:00 opens at "09:00", winter or summer."""

import datetime
import re

from tests.factories import StoreOpeningHoursFactory, StorePageFactory


def test_the_next_opening_or_closing_is_in_the_store_time_zone(client, store_index):
    store = StorePageFactory(parent=store_index, title="Milano", time_zone="Europe/Rome")
    for weekday in range(7):
        StoreOpeningHoursFactory(store=store, weekday=weekday, opens=datetime.time(9), closes=datetime.time(19))
    store.save_revision().publish()

    html = client.get(store.url).content.decode()

    status = re.search(r'<p class="status[^>]*>(.*?)</p>', html, re.S).group(1)
    assert re.search(r"\b(09:00|19:00)\b", status), status
