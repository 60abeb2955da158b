"""Every chart of every lesson, found through the registry (never listed), held to the same promises:
a title on every axes; each axis labelled with the unit its ``@chart`` mark declares, a unit the metadata
of its tables records (or one that computing introduces); a source line naming the book, its chapters
and its tables (and, for a table that is not the book's, its own sources); and drawing the ``data`` it is
given. (Every lesson's timeline is held to its own promises in tests/test_timeline.py.)"""

import io
import re

import matplotlib as mpl
import matplotlib.colors as mcolors
import pandas as pd
import pytest
from csvdata import rows
from matplotlib.backends.backend_agg import FigureCanvasAgg

from nepcourse import data, paths, plotting, registry
from nepcourse.plotting import (
    ALT_ATTRIBUTE,
    DERIVED_UNITS,
    PLACEHOLDER_ALT,
    alt_text,
    charts,
    decorate,
    figure_png,
    new_figure,
    picture_html,
    set_alt,
    source_of,
)

CHARTS = charts()
SOURCE = "Source: Bettelheim, Class Struggles in the USSR 1923–1930 (1978), "


def recorded_units(tables) -> set[str]:
    """The units the metadata of these tables records: a column's unit, or the values of a unit column."""
    found = set()
    for name in tables:
        for field in data.metadata(name)["schema"]["fields"]:
            if field.get("unit") and field["unit"] != "see the unit column":
                found.add(field["unit"].lower())
        found |= {r["unit"].lower() for r in rows(name) if r.get("unit")}
    return found


def test_charts_are_discovered_from_the_registry():
    modules = {name.split(".")[0] for name in CHARTS}
    assert {x.slug for x in registry.lessons()} - {"course_guide"} <= modules
    assert "timeline.timeline_chart" in CHARTS


def draw_recording_reads(chart):
    """(figure, the tables its data came from): those the chart reads while drawing, not counting those its
    source line reads to name them."""
    original = plotting.source_line

    def quietly(*args, **kwargs):
        before = dict(data.READS)
        try:
            return original(*args, **kwargs)
        finally:
            data.READS.clear()
            data.READS.update(before)

    saved = dict(data.READS)
    data.READS.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plotting, "source_line", quietly)
        try:
            fig = chart()
            return fig, set(data.READS)
        finally:
            data.READS.clear()
            data.READS.update(saved)


@pytest.fixture(scope="module")
def drawn_and_read():
    """Each chart drawn once with its own data, and the tables it read: shared by the tests below (drawing is
    what costs; each chart is drawn twice in all, here and with changed data)."""
    return {name: draw_recording_reads(chart) for name, chart in CHARTS.items()}


@pytest.fixture(scope="module")
def drawn(drawn_and_read):
    return {name: fig for name, (fig, _) in drawn_and_read.items()}


@pytest.fixture(scope="module")
def drawn_changed():
    """Each chart drawn once with its own data changed (see ``changed``)."""
    return {name: chart(changed(chart.chart.default())) for name, chart in CHARTS.items()}


@pytest.mark.parametrize("name", CHARTS)
def test_every_axes_is_titled_and_labelled_with_its_unit(name, drawn):
    fig, spec = drawn[name], CHARTS[name].chart
    assert len(spec.units) == len(fig.axes), (
        f"{name}: @chart(units=...) names {len(spec.units)} axes, it draws {len(fig.axes)}"
    )
    allowed = recorded_units(spec.tables) | DERIVED_UNITS
    for ax, unit in zip(fig.axes, spec.units):
        assert ax.get_title(loc="left") or ax.get_title(), f"{name}: an axes without a title"
        assert unit.lower() in allowed, f"{name}: {unit!r} is neither a unit of {spec.tables} nor a derived unit"
        labels = f"{ax.get_xlabel()} {ax.get_ylabel()}".lower()
        assert unit.lower() in labels, f"{name}: no axis label of {ax.get_title(loc='left')!r} says {unit!r}"


@pytest.mark.parametrize("name", CHARTS)
def test_every_source_line_names_the_book_its_chapters_and_tables(name, drawn):
    source, spec = source_of(drawn[name]), CHARTS[name].chart
    only_external = all(data.external(t) for t in spec.tables)
    assert source and source.startswith("Source: " if only_external else SOURCE), f"{name}: no source line"
    listed = source.split("Table: ", 1)[1]
    for table in spec.tables:
        assert table in listed, f"{name}: the source line does not name {table}"
        if data.external(table):
            assert data.external_credit(table) in source, f"{name}: the source line does not credit {table}'s sources"
            continue
        names = [data.CHAPTER_NAMES[c] for c in data.chapters_of(table)]
        assert any(n in source for n in names), f"{name}: the source line names none of {table}'s chapters"


@pytest.mark.parametrize("name", CHARTS)
def test_every_source_line_is_wrapped_as_matplotlib_would_within_the_figure(name, drawn):
    """add_source wraps the line itself (matplotlib's wrap=True measured it again at every drawing): each line
    fits between its start and the figure's right edge as drawn, and none could have taken the next line's
    first word (so the lines are those wrap=True makes)."""
    fig = drawn[name]
    text = next(t for t in fig.texts if t.get_gid() == plotting.SOURCE_TAG)
    renderer = FigureCanvasAgg(fig).get_renderer()
    assert not text.get_wrap() and text.get_window_extent(renderer).x1 <= fig.bbox.x1, f"{name}: past the edge"
    lines, room = text.get_text().split("\n"), fig.get_figwidth() * 0.99
    assert " ".join(lines) == source_of(fig), f"{name}: the lines are not the source line"
    for line, after in zip(lines, lines[1:]):
        longer = f"{line} {after.split(' ')[0]}"
        assert plotting.drawn_width(longer, text.get_fontsize(), fig.dpi) > room, f"{name}: {line!r} could be longer"


def numbers(fig) -> list:
    """What a figure draws, as numbers: bars, lines, points and the text of its labels."""
    found = []
    for ax in fig.axes:
        found += [round(v, 6) for p in ax.patches for v in (p.get_x(), p.get_y(), p.get_width(), p.get_height())]
        found += [str(list(line.get_xydata().round(6).ravel())) for line in ax.lines]
        found += [str(c.get_offsets().round(6).tolist()) for c in ax.collections]
        found += [t.get_text() for t in ax.texts]
    return found


def changed(frame):
    """The chart's data, changed: its decimal numbers multiplied by 1.25, or (if it has none) its last row gone."""
    if isinstance(frame, pd.Series):
        return frame * 1.25
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    if not floats:
        return frame.iloc[:-1]
    out = frame.copy()
    out[floats] = out[floats] * 1.25
    return out


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_draws_the_data_it_is_given(name, drawn, drawn_changed):
    assert numbers(drawn_changed[name]) != numbers(drawn[name]), f"{name}: it ignores the data it is given"


def test_a_chart_called_without_data_draws_its_own_table():
    """What ``@chart`` does for every chart: no data given, it draws ``data()``; data given, that data."""
    drew = []

    @plotting.chart("intro_grain", units=("million metric tons",), data=lambda: "its own table")
    def sketch(data=None):
        drew.append(data)
        return None

    sketch()
    sketch("a table computed in the open")
    assert drew == ["its own table", "a table computed in the open"]


# ---- alt text: what the chart shows, in words, for readers who cannot see it ----------------------


def alt_of(fig):
    return getattr(fig, ALT_ATTRIBUTE, None)


def words(text):
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_has_alt_text_that_says_what_it_shows(name, drawn):
    """Registered with the chart, present on every figure it draws, not its title again, with numbers."""
    fig, spec = drawn[name], CHARTS[name].chart
    assert spec.alt is not None, f"{name}: no alt text: mark it @chart(..., alt=...)"
    alt = alt_of(fig)
    assert alt and alt == alt_text(fig), f"{name}: the figure carries no alt text"
    assert PLACEHOLDER_ALT.lower() not in alt.lower()
    titles = [words(ax.get_title(loc="left") or ax.get_title()) for ax in fig.axes]
    assert words(alt) not in titles and words(alt) != words(" ".join(titles)), f"{name}: the alt text is its title"
    assert len(alt.split()) >= 12 and len(alt) <= 600, f"{name}: one or two sentences, please: {alt!r}"
    assert re.search(r"\d", alt), f"{name}: the alt text gives none of the numbers the chart draws: {alt!r}"


@pytest.mark.parametrize("name", CHARTS)
def test_every_charts_alt_text_follows_the_data_it_draws(name, drawn, drawn_changed):
    """The key numbers are computed from the data drawn, never typed in: changed data, changed alt text."""
    assert alt_of(drawn_changed[name]) != alt_of(drawn[name]), (
        f"{name}: its alt text does not change with the data it draws"
    )


@pytest.mark.parametrize("lesson", registry.lessons(), ids=lambda x: x.number)
def test_alt_texts_are_unique_within_a_lesson(lesson, drawn):
    alts = {name: alt_of(drawn[name]) for name in charts(lesson.number, timeline=False)}
    repeated = {a for a in alts.values() if list(alts.values()).count(a) > 1}
    assert not repeated, f"lesson {lesson.number}: charts share an alt text: {repeated}"


def test_the_alt_text_checks_can_fail():
    """A figure with no registered alt falls back to its titles, which the test above refuses."""
    fig, ax = new_figure()
    ax.set_title("Grain")
    assert alt_text(fig) == "A chart: Grain." and alt_of(fig) is None
    set_alt(fig, "Harvest  fell\nfrom 76.4 to 73.6.")
    assert alt_text(fig) == "Harvest fell from 76.4 to 73.6."
    assert 'alt="Harvest fell from 76.4 to 73.6."' in picture_html(fig)


def test_a_picture_is_the_one_savefig_draws(monkeypatch):
    """figure_png draws each figure once, with a renderer shared by the figures of its size: the same bytes
    as matplotlib's savefig, whatever was drawn before it, and the figure keeps its own canvas."""
    monkeypatch.delenv("NEPCOURSE_PICTURES", raising=False)  # real pictures, not the suite's stand-ins

    def savefig(fig) -> bytes:
        buffer = io.BytesIO()
        with mpl.style.context(str(paths.STYLE)):
            fig.savefig(buffer, format="png", bbox_inches=None)
        return buffer.getvalue()

    small, ax = new_figure(figsize=(3, 2))
    ax.plot([1, 2, 3], [3, 1, 2], label="a line")
    decorate(ax, "Small", "year", "tonnes")
    cheapest = ["introduction.socialized_sector_chart", "price_wages_and_unemployment.remedy_chart"]
    figures = [CHARTS[name]() for name in cheapest] + [small]
    canvases = [fig.canvas for fig in figures]
    pictures = [figure_png(fig) for fig in figures + figures[:1]]  # the first again, after the others
    assert pictures[0] == pictures[-1], "a figure drawn after others is drawn the same"
    assert len(set(pictures[:3])) == 3
    assert pictures[:3] == [savefig(fig) for fig in figures]
    assert [fig.canvas for fig in figures] == canvases


# ---- colour: one colour-blind-safe palette, and meaning never carried by colour alone ---------------

PALETTE = {
    mcolors.to_hex(c)
    for c in mpl.rc_params_from_file(str(paths.STYLE), use_default_template=False)["axes.prop_cycle"].by_key()["color"]
}


def is_allowed(colour) -> bool:
    """A colour of the course palette, or a neutral grey (black and white included), whatever its alpha."""
    r, g, b, a = mcolors.to_rgba(colour)
    return a == 0 or max(r, g, b) - min(r, g, b) < 0.02 or mcolors.to_hex((r, g, b)) in PALETTE


def colours_drawn(fig):
    """(what, colour) for every colour the figure's axes draw: patches, lines, collections and texts."""
    found = []
    for ax in fig.axes:
        for p in ax.patches:
            found.append((f"patch {p.get_label()!r}", p.get_facecolor()))
            if p.get_linewidth() > 0:
                found.append((f"edge of patch {p.get_label()!r}", p.get_edgecolor()))
        for line in ax.lines:
            found += [(f"line {line.get_label()!r}", line.get_color())]
            found += [
                (f"marker of {line.get_label()!r}", c) for c in (line.get_markerfacecolor(), line.get_markeredgecolor())
            ]
        for c in ax.collections:
            found += [(f"collection {c.get_label()!r}", rgba) for rgba in c.get_facecolors()]
            found += [(f"edge of collection {c.get_label()!r}", rgba) for rgba in c.get_edgecolors()]
        found += [(f"text {t.get_text()[:20]!r}", t.get_color()) for t in ax.texts]
    return found


@pytest.mark.parametrize("name", CHARTS)
def test_every_colour_is_the_course_palette_or_a_grey(name, drawn):
    with mpl.style.context(str(paths.STYLE)):  # where a notebook draws it ("C1" is looked up when drawn)
        found = [(what, mcolors.to_rgba(c)) for what, c in colours_drawn(drawn[name])]
    off = {mcolors.to_hex(c, keep_alpha=False): what for what, c in found if not is_allowed(c)}
    assert not off, f"{name} draws colours outside course.mplstyle's palette: {off}"


def legend_groups(ax):
    """label → the artists drawn under that label (a bar chart's bars, a line, a scatter)."""
    groups = {}
    for container in ax.containers:
        groups.setdefault(container.get_label(), []).extend(container.patches)
    for artist in [*ax.lines, *ax.collections, *ax.patches]:
        if not any(artist in c.patches for c in ax.containers if hasattr(c, "patches")):
            groups.setdefault(artist.get_label(), []).append(artist)
    return groups


def face(artist):
    if hasattr(artist, "get_facecolors"):
        return tuple(tuple(c) for c in artist.get_facecolors()) or tuple(tuple(c) for c in artist.get_edgecolors())
    if hasattr(artist, "get_facecolor") and not hasattr(artist, "get_xydata"):
        return tuple(artist.get_facecolor()), artist.get_hatch()
    return mcolors.to_rgba(artist.get_color()), artist.get_marker(), artist.get_linestyle()


def not_by_colour(handle):
    """What tells a legend entry from the others without its colour: markers, line styles, hatching."""
    if hasattr(handle, "get_xydata") or type(handle).__name__ == "Line2D":
        return ("line", str(handle.get_marker()), handle.get_linestyle(), round(handle.get_linewidth()))
    if hasattr(handle, "get_hatch") and not hasattr(handle, "get_paths"):
        return ("patch", handle.get_hatch() or "")
    paths_ = handle.get_paths() if hasattr(handle, "get_paths") else []
    shape = tuple(paths_[0].vertices.round(2).ravel()) if len(paths_) else ()
    width = tuple(round(float(w)) for w in handle.get_linewidth()) if hasattr(handle, "get_linewidth") else ()
    return (type(handle).__name__, shape, str(handle.get_linestyle()), width)


def legends(fig):
    return [(ax, ax.get_legend()) for ax in fig.axes if ax.get_legend() is not None]


@pytest.mark.parametrize("name", CHARTS)
def test_every_legend_entry_draws_in_one_colour(name, drawn):
    """A legend's key can only match its series if everything drawn under one label looks the same."""
    for ax, legend in legends(drawn[name]):
        groups = legend_groups(ax)
        for text in legend.get_texts():
            artists = groups.get(text.get_text(), [])
            assert artists, f"{name}: the legend names {text.get_text()!r}, which nothing drawn is labelled"
            looks = {face(a) for a in artists}
            assert len(looks) == 1, f"{name}: {text.get_text()!r} is drawn in {len(looks)} colours; its key shows one"


@pytest.mark.parametrize("name", CHARTS)
def test_no_legend_tells_its_series_apart_by_colour_alone(name, drawn):
    for _, legend in legends(drawn[name]):
        handles = legend.legend_handles if hasattr(legend, "legend_handles") else legend.legendHandles
        keys = [not_by_colour(h) for h in handles]
        labels = [t.get_text() for t in legend.get_texts()]
        same = [(a, b) for i, a in enumerate(labels) for j, b in enumerate(labels) if i < j and keys[i] == keys[j]]
        assert not same, (
            f"{name}: these legend entries differ only by colour (add hatching, markers or line styles): {same}"
        )


def test_the_colour_checks_can_fail():
    fig, ax = new_figure()
    ax.bar(["a", "b"], [1, 2], color=["#c0504d", "#9bbb59"], label="one label, two colours")
    ax.bar(["c"], [3], color="#0072B2", label="another")
    ax.legend()
    assert [mcolors.to_hex(c) for _, c in colours_drawn(fig) if not is_allowed(c)] == ["#c0504d", "#9bbb59"]
    assert (
        is_allowed("#0072B2")
        and is_allowed((0.0, 114 / 255, 178 / 255, 0.3))
        and is_allowed("#777777")
        and is_allowed((0.2, 0.6, 0.2, 0.3)) is False
    )
    assert len({face(a) for a in legend_groups(ax)["one label, two colours"]}) == 2
    handles = ax.get_legend().legend_handles
    assert not_by_colour(handles[0]) == not_by_colour(handles[1])


# ---- the source line names what the chart draws, and only that -------------------------------------


@pytest.mark.parametrize("name", CHARTS)
def test_every_source_line_names_the_tables_the_data_came_from_and_no_others(name, drawn_and_read):
    fig, read = drawn_and_read[name]
    listed = set(source_of(fig).split("Table: ", 1)[1].split(".", 1)[0].split(", "))
    assert listed == set(CHARTS[name].chart.tables), f"{name}: the source line lists {listed}"
    assert listed == read, (
        f"{name}: the source line names {sorted(listed - read)} that it does not draw"
        if listed - read
        else f"{name}: it draws {sorted(read - listed)} that the source line does not name"
    )


@pytest.mark.parametrize("name", CHARTS)
def test_no_axis_draws_an_invented_rank(name, drawn):
    """An order the course gives to the book's words is not a quantity: only a rank the book prints (a unit
    of its tables) may be an axis."""
    book_units = recorded_units(CHARTS[name].chart.tables)
    for ax in drawn[name].axes:
        for label in (ax.get_xlabel(), ax.get_ylabel()):
            if re.search(r"\brank", label.lower()):
                assert "rank" in book_units, f"{name}: an axis drawn as a rank the book does not give: {label!r}"
