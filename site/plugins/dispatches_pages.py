"""Reader pages on Datasette's row pages: articles, people and events get the data that
``dispatches.render`` gathers, drawn by the templates in ``site/templates/dispatches/``
above Datasette's own row table (which keeps working, with its JSON and CSV links).
Also registers the templates' filters (``number``) in Datasette's Jinja environment."""
from datasette import hookimpl
from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Response

from dispatches import render


@hookimpl
def prepare_jinja2_environment(env):
    env.filters.update(render.FILTERS)


@hookimpl
def extra_template_vars(datasette, view_name, table, database, request):
    if view_name != "row" or table not in render.PAGES or request is None:
        return {}

    async def inner():
        pk = tilde_decode(request.url_vars.get("pks", ""))
        links = render.site_links(datasette.urls.database(database))
        data = await datasette.get_database(database).execute_fn(
            lambda conn: render.PAGES[table](conn, pk, links))
        return {"reader": data, "reader_template": render.TEMPLATE_OF[table]}
    return inner


async def schema(datasette, request):
    """``/-/schema``: what each table and column means (docs/schema.md)."""
    data = render.schema_page()
    if data is None:
        raise NotFound("this installation has no docs/schema.md")
    html = await datasette.render_template("dispatches/schema_site.html", {"reader": data}, request=request)
    return Response.html(html)


@hookimpl
def register_routes():
    return [(r"^/-/schema$", schema)]
