"""Accept headers API tests send, as clients do."""

# What Apollo Client 4 sends (urql and graphql-request list the same preference first): answers
# in application/graphql-response+json, whose status codes tell a refused request (4xx) from
# one that ran (200).
MODERN_CLIENT_ACCEPT = "application/graphql-response+json,application/json;q=0.9"
# A client of plain application/json (Relay's examples, Apollo Client 3, curl with -H): a
# well-formed request is answered 200 whatever GraphQL errors it has.
JSON_ACCEPT = "application/json"
