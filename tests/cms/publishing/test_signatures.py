import time

import pytest

from cms.publishing.signatures import InvalidSignature, signed_headers, verify_signature

BODY = b'{"id":"7","type":"page.published"}'


def test_the_shared_secret_verifies_the_signature():
    headers = signed_headers("s3cret", 7, BODY)
    assert verify_signature("s3cret", headers, BODY)
    # Header names as a web framework may hand them over (lower case).
    assert verify_signature("s3cret", {name.lower(): value for name, value in headers.items()}, BODY)


def test_another_secret_or_a_changed_body_fails():
    headers = signed_headers("s3cret", 7, BODY)
    with pytest.raises(InvalidSignature, match="does not match"):
        verify_signature("other", headers, BODY)
    with pytest.raises(InvalidSignature, match="does not match"):
        verify_signature("s3cret", headers, BODY.replace(b"7", b"8"))


def test_an_old_timestamp_is_refused_as_a_replay():
    sent_at = int(time.time()) - 301
    headers = signed_headers("s3cret", 7, BODY, timestamp=sent_at)
    with pytest.raises(InvalidSignature, match="tolerance"):
        verify_signature("s3cret", headers, BODY)
    assert verify_signature("s3cret", headers, BODY, now=sent_at + 300)


def test_a_timestamp_changed_by_an_attacker_breaks_the_signature():
    headers = signed_headers("s3cret", 7, BODY, timestamp=int(time.time()) - 3600)
    headers["Webhook-Timestamp"] = str(int(time.time()))
    with pytest.raises(InvalidSignature, match="does not match"):
        verify_signature("s3cret", headers, BODY)


def test_missing_headers_are_refused():
    with pytest.raises(InvalidSignature, match="Missing"):
        verify_signature("s3cret", {"Webhook-Id": "7"}, BODY)
