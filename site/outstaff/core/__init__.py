"""What knows no model: extensions, database, errors, logs, headers, static files,
templating, i18n, tokens, links, paging, charts."""
