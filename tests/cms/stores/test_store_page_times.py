"""The store page says when the store opens or closes in the store's own time, not in the
server's (UTC): a Milan store opening at 9:00 opens at 9:00 AM (English's CLDR time format),
winter or summer, and the machine-readable time carries the store's offset."""

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
    assert re.search(r'datetime="[^"]*T(09|19):00:00\+0[12]:00"', status), status
    assert re.search(r">(9:00|7:00)\s?[AP]M<", status.replace("\u202f", " ")), status
