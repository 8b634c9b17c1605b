vcl 4.1;
# Varnish in front of the storefront content platform (docs/caching.md).
#
# - Caches what the app marks `Cache-Control: public` — public GETs of /graphql, theme style
#   sheets, QR codes, rendition redirects, static files — for its max-age, and serves it stale
#   for its stale-while-revalidate (grace) while fetching a fresh copy. Anything else (private,
#   no-store, a Set-Cookie, POST, preview, a logged-in admin, an Authorization header) passes.
# - Tags each object with the surrogate keys the app sends in `xkey` and purges by key:
#   `PURGE /` with `xkey-purge: <keys separated by spaces>` (what `manage.py purge_cache` sends
#   with CDN_PURGER=varnish), or one URL with `PURGE <url>` (Wagtail's frontend cache), only
#   from the addresses in `purgers`.
# scripts/varnish.sh runs it for tests and local runs, replacing the backend and the purgers.

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;   # above gunicorn's 30 s timeout (deploy/gunicorn.conf.py)
}

# Who may purge: the hosts running `manage.py purge_cache`.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A draft (previewToken) or a caller who may be authenticated: never from the cache.
    if (req.http.Authorization || req.url ~ "previewToken") {
        return (pass);
    }
    # The same query with its parameters in another order is the same response.
    set req.url = std.querysort(req.url);
    if (req.url ~ "^/(graphql|themes/|qr/|images/|static/|media/)") {
        # An editor logged into the admin (GraphiQL, previews) passes; every other cookie
        # (analytics, the admin's CSRF cookie) means nothing to these responses.
        if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
            return (pass);
        }
        unset req.http.Cookie;
    }
    # The API answers in one of two media types and says `Vary: Accept`: one cache object per
    # type, not one per client's Accept string (Apollo, urql and fetch each send their own).
    # A browser asking for a page (GraphiQL in development) keeps its header.
    if (req.url ~ "^/graphql" && req.http.Accept !~ "text/html") {
        if (req.http.Accept ~ "application/graphql-response\+json") {
            set req.http.Accept = "application/graphql-response+json";
        } else {
            set req.http.Accept = "application/json";
        }
    }
    # Everything else follows Varnish's built-in rules (no cache with a Cookie).
}

sub vcl_backend_response {
    # Only what the app says anyone may store.
    if (beresp.http.Cache-Control !~ "public" || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
            || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;  # remember for 30 s not to queue requests for it
        return (deliver);
    }
    # Another CDN's header name (CDN_SURROGATE_KEY_HEADER) is accepted too.
    if (!beresp.http.xkey && beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # beresp.grace is the response's stale-while-revalidate. Keep an expired object an hour
    # longer to revalidate it with If-None-Match (the app answers 304 when nothing changed).
    set beresp.keep = 1h;
    if (beresp.http.Content-Type ~ "^(application/json|text/|image/svg)") {
        set beresp.do_gzip = true;
    }
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Varnish-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "HIT";
    } else {
        set resp.http.X-Varnish-Cache = "MISS";
    }
    # The keys are for this cache, not for browsers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
