"""Table cells people can scan: counts and amounts as a reader writes them (180,000;
1.5 million) instead of 180000.0, in HTML only (JSON and CSV keep the stored numbers)."""
from datasette import hookimpl

from dispatches.render import number

NUMBER_COLUMNS = {"value", "word_count", "article_count", "mention_count", "report_count", "outlet_count",
                  "bytes", "events"}


@hookimpl
def render_cell(value, column):
    if column in NUMBER_COLUMNS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    return None
