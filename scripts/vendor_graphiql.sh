#!/usr/bin/env bash
# Copy GraphiQL's browser bundles from the npm registry into our static files, so the
# development GraphiQL page loads nothing from other hosts. Versions match the ones
# graphene-django's view expects; rerun after upgrading graphene-django and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=storefront_api/static/storefront_api/graphiql
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
read -r REACT GRAPHIQL GRAPHQL_WS EXPLORER < <(DJANGO_SETTINGS_MODULE=cms.settings.dev .venv/bin/python - <<'PY'
import django; django.setup()
from graphene_django.views import GraphQLView as V
print(V.react_version, V.graphiql_version, V.subscriptions_transport_ws_version, V.graphiql_plugin_explorer_version)
PY
)
(cd "$WORK" && npm pack --silent "react@$REACT" "react-dom@$REACT" "graphiql@$GRAPHIQL" "graphql-ws@$GRAPHQL_WS" \
  "@graphiql/plugin-explorer@$EXPLORER" >/dev/null && for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done)
rm -rf "$DEST" && mkdir -p "$DEST"
cp "$WORK/react-$REACT/package/umd/react.production.min.js" "$DEST/react.production.min.js"
cp "$WORK/react-dom-$REACT/package/umd/react-dom.production.min.js" "$DEST/react-dom.production.min.js"
cp "$WORK/graphiql-$GRAPHIQL/package/graphiql.min.js" "$WORK/graphiql-$GRAPHIQL/package/graphiql.min.css" "$DEST/"
cp "$WORK/graphql-ws-$GRAPHQL_WS/package/umd/graphql-ws.min.js" "$DEST/"
cp "$WORK/graphiql-plugin-explorer-$EXPLORER/package/dist/graphiql-plugin-explorer.umd.js" "$DEST/"
cp "$WORK/graphiql-plugin-explorer-$EXPLORER/package/dist/style.css" "$DEST/graphiql-plugin-explorer.css"
for package in react react-dom graphiql graphql-ws graphiql-plugin-explorer; do
  license=$(ls "$WORK"/$package-[0-9]*/package/LICENSE* 2>/dev/null | head -1 || true)
  [[ -n "$license" ]] && cp "$license" "$DEST/LICENSE.$package"
done
# The source maps are not shipped; drop the references so collectstatic's manifest does not look for them.
sed -i -E 's~/\*# sourceMappingURL=[^*]*\*/~~; s~//# sourceMappingURL=.*$~~' "$DEST"/*.js "$DEST"/*.css
echo "react $REACT, graphiql $GRAPHIQL, graphql-ws $GRAPHQL_WS, plugin-explorer $EXPLORER" > "$DEST/VERSIONS"
ls -la "$DEST"
