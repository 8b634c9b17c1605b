"""A WSGI app that answers 200 with the length of the query string: the server's own limits
are what the gunicorn configuration test looks at."""


def app(environ, start_response):
    body = str(len(environ.get("QUERY_STRING", ""))).encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
