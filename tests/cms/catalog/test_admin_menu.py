from django.urls import reverse


def test_stock_levels_and_api_keys_are_in_the_admin_menus(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert reverse("stock_levels:index") in html
    assert reverse("stock_api_keys:index") in html
