"""Local development: debug on, a fixed development-only secret, relaxed hosts."""

from .base import *  # noqa: F401,F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS + ["0.0.0.0"]  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedStaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A frontend in development runs on localhost on a port of its own (Next.js 3000, Vite 5173,
# ...): any of them may call the API, unless CORS_ALLOWED_ORIGINS names the origins.
if env_str("CORS_ALLOWED_ORIGINS") is None:
    CORS_ALLOWED_ORIGIN_REGEXES = [r"^http://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$"]
STOREFRONT_API = {  # noqa: F405
    **STOREFRONT_API,  # noqa: F405
    "GRAPHIQL": env_bool("GRAPHQL_GRAPHIQL", True),
    "INTROSPECTION": env_bool("GRAPHQL_INTROSPECTION", True),
}
