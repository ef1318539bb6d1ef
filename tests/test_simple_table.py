"""render.simple_table draws exactly what tabulate's "simple" format draws (it stands in for it on
large tables), and gives way to tabulate for the cells it does not handle."""

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from plaint.render import simple_table, to_table

CELL = st.one_of(st.sampled_from(["", " ", "True", "False", "12", "1.5", " padded ", "a  b", "None", "—", "…",
                                  "王强", "工程部 Engineering", "ﾃｽﾄ", "e\u0301", "\u3000全角\u3000", "x\u200by"]),
                 st.text(max_size=12))


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.tuples(st.lists(CELL, min_size=n, max_size=n),
                                                     st.lists(st.lists(CELL, min_size=n, max_size=n), max_size=6))))
def test_the_same_text_as_tabulate(table):
    head, body = table
    drawn = simple_table(body, head)
    if drawn is not None:
        assert drawn == tabulate(body, headers=head, tablefmt="simple", disable_numparse=True)


def test_plain_tables_are_drawn_here_and_the_rest_by_tabulate():
    assert simple_table([["HQ-1", "逾期", "3 days"]], ["id", "state", "late"]) == (
        "id    state    late\n----  -------  ------\nHQ-1  逾期     3 days")
    assert simple_table([], ["id"]) is None  # tabulate's empty table
    assert simple_table([["two\nlines"]], ["id"]) is None
    assert simple_table([["\r"]], [""]) is None  # stripped it looked empty; tabulate keeps its line break
    assert simple_table([["\x1b[31mred\x1b[0m"]], ["id"]) is None  # coloured: tabulate measures it
    rows = [{"id": f"HQ-{n}", "summary": " Lift  stuck "} for n in range(3)]
    assert to_table(rows, ["id", "summary"], width=None) == tabulate(
        [[r["id"], r["summary"]] for r in rows], headers=["id", "summary"], tablefmt="simple", disable_numparse=True)


VALUE = st.one_of(CELL, st.none(), st.integers(), st.lists(CELL, max_size=3), st.dates())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["id", "state", "summary"]), VALUE), max_size=6))
def test_cells_are_each_value_made_plain_and_visible(rows):
    from plaint.render import _cells, _plain, markdown_cell, visible
    columns = ["id", "state", "summary"]
    for cell in (visible, markdown_cell):
        assert _cells(rows, columns, cell) == [[cell(_plain(row.get(c))) for c in columns] for row in rows]


def test_the_narrow_characters_are_one_column_as_wcwidth_says():
    from wcwidth import wcswidth

    from plaint.render import NARROW, _plain_width, display_width
    for text in ["Major↑", "Lift stuck…", "↑…", "工程↑", "a\u200bb", "x\ty"]:
        if text.isprintable():
            assert display_width(text) == wcswidth(text)
            assert _plain_width(text) == wcswidth(text)
    assert all(wcswidth(c) == 1 for c in NARROW)
