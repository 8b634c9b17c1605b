"""Links to documents in rich text point at the permission-checking serve view, never at
MEDIA_URL (cms/core/documents.py)."""

from tests.factories import DocumentFactory, ReturnPolicyMethodFactory, ReturnPolicyPageFactory

POLICY_EXCEPTIONS = "query($path: String!) { page(path: $path) { ... on ReturnPolicyPage { exceptions } } }"


def test_rich_text_links_a_document_through_the_serve_view(graphql, section, private_collection):
    document = DocumentFactory(collection=private_collection)
    page = ReturnPolicyPageFactory.build(
        slug="italy", exceptions=f'<p>See <a linktype="document" id="{document.pk}">the price list</a>.</p>'
    )
    page.return_methods = [ReturnPolicyMethodFactory.build()]
    section.add_child(instance=page)
    page.save_revision().publish()
    body = graphql(POLICY_EXCEPTIONS, {"path": "/inspiration/italy/"})
    assert "errors" not in body, body
    link = f'<a href="/documents/{document.pk}/{document.filename}">the price list</a>'
    assert body["data"]["page"]["exceptions"] == f"<p>See {link}.</p>"
