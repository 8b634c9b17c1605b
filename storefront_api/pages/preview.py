"""``page(previewToken:)``: the draft an editor previewed, or an error — never a draft
without a valid token. The token rules live in cms/core/preview.py."""

from cms.core.preview import PreviewTokenExpired, PreviewTokenInvalid, page_for_preview_token
from storefront_api.core.errors import ApiError, BadArgument


def previewed_page(token, others=()):
    if any(value is not None for value in others):
        message = "`previewToken` cannot be combined with `id`, `path`, `type` or `slug`."
        raise BadArgument(message, field="previewToken")
    try:
        return page_for_preview_token(token)
    except PreviewTokenExpired as error:
        raise ApiError(str(error), field="previewToken", code="PREVIEW_TOKEN_EXPIRED") from None
    except PreviewTokenInvalid as error:
        raise ApiError(str(error), field="previewToken", code="PREVIEW_TOKEN_INVALID") from None
