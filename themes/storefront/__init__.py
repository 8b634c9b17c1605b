"""The reference storefront's own pages (store finder, search); the CMS pages render with
their templates in cms/*/templates, styled by the active theme."""
