"""Reader pages on Datasette's row pages: articles, people and events get the page
that ``dispatches.render`` writes, above Datasette's own row table (which keeps working,
with its JSON and CSV links)."""
from datasette import hookimpl
from datasette.utils import tilde_decode
from markupsafe import Markup

from dispatches import render


@hookimpl
def extra_template_vars(datasette, view_name, table, database, request):
    if view_name != "row" or table not in render.PAGES or request is None:
        return {}

    async def inner():
        pk = tilde_decode(request.url_vars.get("pks", ""))
        links = render.site_links(datasette.urls.database(database))
        html = await datasette.get_database(database).execute_fn(
            lambda conn: render.PAGES[table](conn, pk, links))
        return {"dispatches_page": Markup(html) if html else None}
    return inner
