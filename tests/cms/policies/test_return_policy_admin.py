"""Editors write return policies in the admin: return windows per category, return
methods and an FAQ."""

import datetime

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.policies.models import ReturnPolicyPage
from tests.editing import (
    assert_field_error,
    assert_redirected,
    page_add_url,
    page_edit_url,
    page_preview_on_add_url,
    page_preview_on_edit_url,
    post_form,
    preview,
    translate_ancestors,
    translate_page,
)
from tests.factories import CategoryFactory, ReturnPolicyMethodFactory, ReturnPolicyPageFactory


def policy_form(*, windows=(), methods=(), initial_methods=0, faq=(), **fields):
    data = {
        "title": "Returns in Italy",
        "slug": "returns-italy",
        "summary": "Return what you bought within 30 days, in store or by mail.",
        "market": "IT",
        "region": "",
        "effective_date": "2026-01-01",
        "default_return_days": "30",
        "return_windows": inline_formset(list(windows)),
        "return_methods": inline_formset(list(methods), initial=initial_methods, min=1),
        "exceptions": rich_text("<p>Personalised items cannot be returned.</p>"),
        "faq": streamfield([("question", {"question": q, "answer": rich_text(a)}) for q, a in faq]),
    }
    data.update(fields)
    return nested_form_data(data)


IN_STORE = {"method": "in-store", "conditions": "Bring the receipt or order number.", "fee": "0"}
BY_MAIL = {"method": "by-mail", "conditions": "Use the prepaid label.", "fee": "4.90"}


@pytest.fixture
def electronics(db):
    return CategoryFactory(name="Electronics", slug="electronics")


@pytest.fixture
def policy(section):
    policy = ReturnPolicyPageFactory(parent=section, title="Returns in Italy", slug="returns-italy")
    ReturnPolicyMethodFactory(policy=policy, method="in-store", conditions="Bring the receipt.")
    return policy


def existing_methods(policy):
    return [
        {"id": str(m.pk), "method": m.method, "conditions": m.conditions, "fee": str(m.fee)}
        for m in policy.return_methods.all()
    ]


def test_editor_creates_a_policy_draft_with_windows_methods_and_faq(admin_client, section, electronics):
    data = policy_form(
        windows=[{"category": electronics.pk, "days": "14"}],
        methods=[IN_STORE, BY_MAIL],
        faq=[("Can I return a gift?", "<p>Yes, with the gift receipt.</p>")],
    )

    assert_redirected(post_form(admin_client, page_add_url(ReturnPolicyPage, section), data))

    policy = ReturnPolicyPage.objects.get(slug="returns-italy")
    assert not policy.live and policy.effective_date == datetime.date(2026, 1, 1)
    assert policy.return_days_for(electronics) == 14
    assert policy.return_days_for(CategoryFactory()) == 30
    assert [(m.method, str(m.fee)) for m in policy.return_methods.all()] == [("in-store", "0.00"), ("by-mail", "4.90")]
    assert policy.faq[0].value["question"] == "Can I return a gift?"


def test_preview_of_a_new_policy(admin_client, section, electronics):
    data = policy_form(
        windows=[{"category": electronics.pk, "days": "14"}],
        methods=[IN_STORE],
        faq=[("Can I return a gift?", "<p>Yes, with the gift receipt.</p>")],
    )

    html = preview(admin_client, page_preview_on_add_url(ReturnPolicyPage, section), data).content.decode()

    assert "Return what you bought within 30 days, in store or by mail." in html
    assert "Italy" in html and 'effective <time datetime="2026-01-01">January 1, 2026</time>' in html
    assert "<tr><th>Electronics</th><td>14 days</td></tr>" in html
    assert "<strong>In store</strong>: Bring the receipt or order number." in html
    assert "Personalised items cannot be returned." in html
    assert "<summary>Can I return a gift?</summary>" in html and "Yes, with the gift receipt." in html


def test_editor_edits_and_publishes_a_policy(admin_client, policy, electronics):
    data = policy_form(
        default_return_days="60",
        windows=[{"category": electronics.pk, "days": "30"}],
        methods=[*existing_methods(policy), BY_MAIL],
        initial_methods=1,
    )

    assert_redirected(post_form(admin_client, page_edit_url(policy), data, publish=True))

    policy.refresh_from_db()
    assert policy.live and policy.default_return_days == 60 and policy.return_days_for(electronics) == 30
    assert [m.method for m in policy.return_methods.all()] == ["in-store", "by-mail"]


def test_preview_of_an_edited_policy(admin_client, policy):
    data = policy_form(summary="Ninety days to change your mind.", methods=existing_methods(policy), initial_methods=1)

    html = preview(admin_client, page_preview_on_edit_url(policy), data).content.decode()

    assert "Ninety days to change your mind." in html and "Bring the receipt." in html
    policy.refresh_from_db()
    assert policy.summary == "Return within 30 days."


def test_policy_is_translated_into_italian_with_its_methods(admin_client, policy):
    italian = translate_ancestors(policy)

    assert translate_page(admin_client, policy).status_code == 302

    translation = ReturnPolicyPage.objects.get(translation_key=policy.translation_key, locale=italian)
    assert not translation.live and translation.market == policy.market
    assert [m.method for m in translation.return_methods.all()] == ["in-store"]


# --- Rejected input ---------------------------------------------------------------------


def test_same_return_method_twice_is_rejected(admin_client, section):
    data = policy_form(methods=[IN_STORE, {**IN_STORE, "conditions": "Any store."}])

    response = post_form(admin_client, page_add_url(ReturnPolicyPage, section), data, publish=True)

    assert_field_error(response, "method", "This return method is listed twice.", formset="return_methods", index=1)
    assert not ReturnPolicyPage.objects.filter(slug="returns-italy").exists()


def test_two_windows_for_one_category_are_rejected(admin_client, section, electronics):
    data = policy_form(
        methods=[IN_STORE],
        windows=[{"category": electronics.pk, "days": "14"}, {"category": electronics.pk, "days": "30"}],
    )

    response = post_form(admin_client, page_add_url(ReturnPolicyPage, section), data, publish=True)

    assert_field_error(response, "category", "already has a return window", formset="return_windows", index=1)
    assert not ReturnPolicyPage.objects.filter(slug="returns-italy").exists()


def test_publishing_a_policy_without_any_return_method_is_refused(admin_client, policy):
    data = policy_form(methods=[{**existing_methods(policy)[0], "DELETE": "on"}], initial_methods=1)

    response = post_form(admin_client, page_edit_url(policy), data, publish=True)

    assert response.status_code == 200
    assert response.context["form"].formsets["return_methods"].non_form_errors() == ["Please submit at least 1 form."]
    assert policy.return_methods.count() == 1 and policy.revisions.count() == 0


def test_return_window_longer_than_a_year_is_rejected(admin_client, section, electronics):
    data = policy_form(methods=[IN_STORE], windows=[{"category": electronics.pk, "days": "400"}])

    response = post_form(admin_client, page_add_url(ReturnPolicyPage, section), data, publish=True)

    assert_field_error(response, "days", "less than or equal to 365", formset="return_windows")
    assert not ReturnPolicyPage.objects.filter(slug="returns-italy").exists()
