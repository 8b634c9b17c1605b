"""Local development: debug on, a fixed development-only secret, relaxed hosts."""

from .base import *  # noqa: F401,F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS + ["0.0.0.0"]  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedStaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STOREFRONT_API = {  # noqa: F405
    **STOREFRONT_API,  # noqa: F405
    "GRAPHIQL": env_bool("GRAPHQL_GRAPHIQL", True),
    "INTROSPECTION": env_bool("GRAPHQL_INTROSPECTION", True),
}
