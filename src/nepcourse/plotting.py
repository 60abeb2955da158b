"""One style, one ``decorate(...)`` and one source line for every chart in the course.

Chart functions build a :class:`matplotlib.figure.Figure` and return it, so a notebook shows it and a
test can read what it draws (``ax.lines``, ``ax.patches``, ``fig.texts``) without running a notebook.
Each is marked with :func:`chart`, which records what the tests check it against: the tables its source
line names, the unit of each of its axes, the function that gives its data when a lesson passes none, and
its alt text (what the chart shows, in words, with the numbers it draws) for readers who cannot see it.

A figure is shown in a notebook as ``<img alt="…" src="data:image/png;base64,…">`` (text/html, which
JupyterLab, nbconvert's HTML export, VS Code and Colab all show) instead of the usual image/png: JupyterLab's
image renderer sets no alt attribute, and nbconvert writes "No description has been provided for this image".
The picture is stored once, in that tag (:func:`stored_picture` reads it back).
"""

from __future__ import annotations

import base64
import collections
import functools
import html
import importlib
import inspect
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib as mpl
import matplotlib.style  # noqa: F401  (mpl.style.context, used by @styled)
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.cbook import is_math_text
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font

from . import paths
from .data import source_line

SOURCE_TAG = "nepcourse-source"
#: The attribute of a Figure that holds its alt text (set by :func:`chart`, or by :func:`set_alt`).
ALT_ATTRIBUTE = "nepcourse_alt"
#: What nbconvert writes for a picture without a description; never a course chart's alt text.
PLACEHOLDER_ALT = "No description has been provided for this image"


def show_figures_inline() -> None:
    """In a notebook, make a returned Figure display as a picture (not only as '<Figure size …>'), with its
    alt text, and draw the figures students make themselves in the course's style.

    Figures built outside pyplot are shown by IPython's formatters, which matplotlib registers only when
    the inline backend is switched on. Called by :func:`nepcourse.setup`, never on import.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "run_line_magic"):
        # The course's figures lay themselves out (constrained layout, source line inside the figure), so
        # the "tight" bounding box IPython asks for by default would only draw every chart twice.
        shell.run_line_magic("config", "InlineBackend.print_figure_kwargs = {'bbox_inches': None}")
        shell.run_line_magic("matplotlib", "inline")
        register_figure_formatters(shell)
        use_course_style()


def use_course_style() -> None:
    """Draw every figure of this notebook in the course's style (``course.mplstyle``: its colour-blind-safe
    palette, titles, grid), charts students draw too. Called by :func:`nepcourse.setup`."""
    mpl.style.use(str(paths.STYLE))


def register_figure_formatters(shell) -> None:
    """Show a Figure as text/html only: a picture with its alt text, drawn once and stored once.

    matplotlib's inline backend also shows each figure as image/png. That second copy of the same picture
    made every stored lesson twice its size, and every reader of a notebook (JupyterLab, the tests, the
    website's builder) carried it; a browser opening a lesson shows the text/html one."""
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(Figure, figure_html)
    formatters["image/png"].for_type(Figure, _no_second_copy)


def _no_second_copy(fig: Figure) -> None:
    """image/png formatter of a Figure: nothing (IPython then leaves image/png out); text/html holds it."""
    return None


#: A 1×1 PNG that stands in for every picture in the test suite (``tests/kernels.py`` sets
#: ``NEPCOURSE_PICTURES=stand-in`` for the test process and its kernels, and nowhere else): no test compares a
#: picture's bytes (nbval compares its alt text and every other output), and laying out and drawing a chart is
#: most of a notebook's time. The pictures are drawn for real by ``make build``, whose stored outputs the suite
#: requires to be current (``tests/test_notebooks.py::test_stored_outputs_are_current``: a chart that fails to
#: draw fails there), and by JupyterLab in the browser test.
STAND_IN_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class _SharedRendererCanvas(FigureCanvasAgg):
    """An Agg canvas that draws with one renderer per picture size, shared by every figure of that size.

    Matplotlib measures each piece of text (tick labels, titles…) once per renderer and remembers it, but
    every figure gets its own renderer, so each chart measured again the years and numbers the chart before it
    had measured. Sharing the renderer draws the same pixels (``tests/test_charts.py`` compares them with
    ``savefig``'s). The renderer is cleared before each drawing, and the picture is encoded before the next
    one begins."""

    _renderers: collections.OrderedDict = collections.OrderedDict()
    KEEP = 4  # renderers kept (one per figure size; a course chart is 8 × 4.5 inches): about 1.4 MB each

    def get_renderer(self):
        width, height = self.figure.bbox.size
        key = (width, height, self.figure.dpi)
        renderer = self._renderers.pop(key, None)
        if renderer is None:
            renderer = RendererAgg(width, height, self.figure.dpi)
        self._renderers[key] = renderer
        while len(self._renderers) > self.KEEP:
            self._renderers.popitem(last=False)
        self.renderer, self._lastKey = renderer, key
        return renderer


def fresh_renderers() -> None:
    """Forget the shared renderers and the text they measured: the next chart draws as a lesson's first does."""
    _SharedRendererCanvas._renderers.clear()


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes, as the notebook shows it (no 'tight' bounding box: the figures lay themselves out).

    Drawn once: ``savefig`` draws a figure that lays itself out twice, once to lay it out and once to paint it,
    while a canvas's own drawing does both in one pass. With the shared renderer, a lesson's charts draw in
    12–20% less time than with ``savefig`` (lessons 01, 02 and 06, measured), to the same pixels."""
    if os.environ.get("NEPCOURSE_PICTURES") == "stand-in":
        return STAND_IN_PNG
    buffer = io.BytesIO()
    previous = fig.canvas
    try:
        # In the course's style: a colour given as "C1" is looked up in the palette when drawn, not when set.
        with mpl.style.context(str(paths.STYLE)):
            _SharedRendererCanvas(fig).print_png(buffer)
    finally:
        fig.set_canvas(previous)  # a figure a student still holds keeps its own canvas (pyplot's, say)
    return buffer.getvalue()


def alt_text(fig: Figure) -> str:
    """What the figure shows, in words: the alt text its chart registered, else its titles (a figure a
    student drew, say), else a plain "A chart"."""
    registered = getattr(fig, ALT_ATTRIBUTE, None)
    if registered:
        return registered
    titles = "; ".join(t for ax in fig.axes for t in (ax.get_title(loc="left") or ax.get_title(),) if t)
    return f"A chart: {titles}." if titles else "A chart without a title."


def set_alt(fig: Figure, text: str) -> Figure:
    """Give a figure its alt text (one or two sentences: what the chart shows, with its key numbers)."""
    setattr(fig, ALT_ATTRIBUTE, " ".join(str(text).split()))
    return fig


def picture_html(fig: Figure, style: str = "") -> str:
    """``<img alt="…" src="data:image/png;base64,…">``: the figure as a picture a screen reader can describe."""
    payload = base64.b64encode(figure_png(fig)).decode("ascii")
    extra = f' style="{style}"' if style else ""
    return f'<img alt="{html.escape(alt_text(fig))}" src="data:image/png;base64,{payload}"{extra}>'


def figure_html(fig: Figure) -> str:
    """text/html formatter of a Figure: its picture with its alt text."""
    return picture_html(fig)


#: A figure as a notebook stores it: its text/html is this tag and nothing else (a widget's picture carries a
#: style, and a table or a check's feedback holds more than a picture).
_STORED_FIGURE = re.compile(r'<img alt="([^"]*)" src="data:image/png;base64,([A-Za-z0-9+/=\s]+)">')


def stored_picture(output: dict) -> tuple[bytes, str] | None:
    """(PNG bytes, alt text) of a stored notebook output that shows a figure, else None: the one way the
    tests and the website's builder find a notebook's pictures. An output saved by another tool with a plain
    image/png (no alt text) counts too, with an empty alt."""
    data = output.get("data", {})
    shown = data.get("text/html", "")
    found = _STORED_FIGURE.fullmatch(("".join(shown) if isinstance(shown, list) else shown).strip())
    if found:
        return base64.b64decode(found[2]), html.unescape(found[1])
    if "image/png" in data:
        png = data["image/png"]
        return base64.b64decode("".join(png) if isinstance(png, list) else png), ""
    return None


#: Units that computing introduces (shares, ratios, indices, positions in time): a chart's axis may carry
#: one of these, or a unit the metadata of its tables records. Not "rank": an order the course invents is
#: no quantity, and only a rank the book prints (a table's unit) may be drawn as one.
DERIVED_UNITS = frozenset({"percent", "percentage points", "times", "index", "date", "year", "month"})


Alt = str | Callable[..., str]


@dataclass(frozen=True)
class ChartSpec:
    """What a chart promises: the tables its source line names, the unit of each axes (in the order of
    ``fig.axes``), the function that gives its data when it is called without any, and its alt text."""

    tables: tuple[str, ...]
    units: tuple[str, ...]
    default: Callable[[], object] | None
    alt: Alt | None = None


def describe(alt: Alt, arguments: dict) -> str:
    """The alt text for one drawing: ``alt`` formatted with the chart's arguments (a string template such as
    ``"… in {year} …"``), or called with those of them its signature names (a function of the data drawn)."""
    if callable(alt):
        parameters = inspect.signature(alt).parameters
        if any(p.kind is p.VAR_KEYWORD for p in parameters.values()):
            return alt(**arguments)
        return alt(**{k: v for k, v in arguments.items() if k in parameters})
    return alt.format(**arguments)


def chart(
    *tables: str,
    units: tuple[str, ...] | list[str] = (),
    data: Callable[[], object] | None = None,
    alt: Alt | None = None,
):
    """Mark a function as one of the course's charts.

    The function's first parameter is ``data``: a lesson can compute a table in the open and pass it on
    (``grain_chart(my_table)``); called without it, the chart draws ``data()``, its own table. It is drawn
    in the course's style (``course.mplstyle``). ``tables`` are the course tables its source line names and
    ``units`` the unit each axes carries in its label; the tests hold every chart to both.

    ``alt`` says what the chart shows, in one or two sentences with the key numbers computed from the data
    drawn (not its title): a function taking ``data`` (and any other of the chart's parameters), or a
    string template. The figure carries it (:func:`alt_text`), and the notebook shows it as the picture's
    alt attribute.
    """

    def mark(function):
        signature = inspect.signature(function)
        if next(iter(signature.parameters), None) != "data":
            raise TypeError(f"{function.__name__}: a chart's first parameter must be `data`")

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            if bound.arguments.get("data") is None and data is not None:
                bound.arguments["data"] = data()
            with mpl.style.context(str(paths.STYLE)):
                fig = function(*bound.args, **bound.kwargs)
            if alt is not None and isinstance(fig, Figure):
                bound.apply_defaults()
                set_alt(fig, describe(alt, dict(bound.arguments)))
            return fig

        wrapper.chart = ChartSpec(tuple(tables), tuple(units), data, alt)
        return wrapper

    return mark


def _lesson_modules(lesson=None) -> list:
    from . import registry

    chosen = registry.lessons() if lesson is None else [registry.lesson(lesson)]
    return [importlib.import_module(x.module) for x in chosen]


def drawing_functions(lesson=None, timeline: bool = True) -> dict[str, Callable]:
    """``"village_classes.grain_chart"`` → function, for every chart (marked with :func:`chart`) and every
    widget (a function named ``*_widget``) of every lesson module, or of one; with the course timeline."""
    modules = _lesson_modules(lesson)
    if timeline:
        modules.append(importlib.import_module("nepcourse.timeline"))
    found = {}
    for module in modules:
        short = module.__name__.rsplit(".", 1)[1]
        for name, function in vars(module).items():
            if (
                inspect.isfunction(function)
                and function.__module__ == module.__name__
                and (hasattr(function, "chart") or name.endswith("_widget"))
            ):
                found[f"{short}.{name}"] = function
    return found


def charts(lesson=None, timeline: bool = True) -> dict[str, Callable]:
    """Every chart (see :func:`drawing_functions`)."""
    return {k: f for k, f in drawing_functions(lesson, timeline).items() if hasattr(f, "chart")}


def widgets(lesson=None) -> dict[str, Callable]:
    """Every widget (see :func:`drawing_functions`)."""
    return {k: f for k, f in drawing_functions(lesson).items() if not hasattr(f, "chart")}


def as_html(result: object) -> str:
    """How a live widget shows a result: a figure as a PNG picture with the chart's alt text, a table as
    HTML, anything else as text."""
    import pandas as pd

    if isinstance(result, Figure):
        return picture_html(result, style="max-width:100%")
    if isinstance(result, pd.DataFrame):
        return result.to_html(index=False) if len(result) else "<p><em>Nothing matches.</em></p>"
    return f"<pre>{html.escape(str(result))}</pre>"


def live(function, **controls):
    """A widget that calls ``function`` with its controls' values and shows what it returns, again each
    time a control moves. ``controls`` are ipywidgets (sliders, dropdowns…), one per parameter they set;
    parameters without a control (a chart's ``data``, say) keep their defaults. ``widget.children`` are the
    controls, then the view; ``widget.result`` holds the latest figure or table.

    It draws into an HTML view rather than an Output widget (capturing output can stall a notebook run),
    and uses only ipywidgets' public API (a ``VBox`` and ``observe``), the same on ipywidgets 7 and 8.
    """
    import ipywidgets as widgets

    defaults = {
        name: parameter.default
        for name, parameter in inspect.signature(function).parameters.items()
        if name not in controls and parameter.default is not parameter.empty
    }
    view = widgets.HTML()
    box = _live_box(widgets)([*controls.values(), view])

    def update(change=None) -> None:
        values = {**defaults, **{name: control.value for name, control in controls.items()}}
        try:
            box.result = function(**values)
            view.value = as_html(box.result)
        except Exception as err:  # a student's choice must never leave a traceback instead of a chart
            box.result = None
            view.value = f'<p style="color:#b00">This choice cannot be drawn: {html.escape(str(err))}</p>'

    for control in controls.values():
        control.observe(update, names="value")
    box.view, box.update = view, update
    update()
    return box


WIDGET_TEXT = "[An interactive widget: run this cell in a live notebook to use it.]"


@functools.cache
def _live_box(widgets):
    """A VBox whose text form (what a static view of the notebook shows in place of the widget) says what it
    is, rather than echoing its Python repr (``VBox(children=(FloatSlider(…``)."""

    class LiveBox(widgets.VBox):
        def __repr__(self) -> str:
            return WIDGET_TEXT

    return LiveBox


# ---- words for alt texts -------------------------------------------------------------------------


def num(x: float, decimals: int = 1) -> str:
    """A number for an alt text: at most ``decimals`` decimals, no trailing zeros, thousands separated."""
    text = f"{float(x):,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def moved(first: float, last: float, up: str = "rose", down: str = "fell", same: str = "stayed") -> str:
    """The verb for a change from ``first`` to ``last``: 'rose', 'fell' or 'stayed'."""
    return up if last > first else down if last < first else same


def listing(items) -> str:
    """'a, b and c'."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def new_figure(ncols: int = 1, nrows: int = 1, figsize=None, **subplot_kwargs) -> tuple[Figure, object]:
    """A figure and its axes, outside pyplot (so it is shown once, where the notebook returns it)."""
    fig = Figure(figsize=figsize)
    axes = fig.subplots(nrows, ncols, **subplot_kwargs)
    return fig, axes


def decorate(
    ax,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    legend: bool | str = "auto",
    **axis_settings,
) -> None:
    """Title and label a chart in one call; extra keywords go to ``ax.set`` (``ylim=(0, 100)``…)."""
    if title is not None:
        ax.set_title(title)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if axis_settings:
        ax.set(**axis_settings)
    handles, labels = ax.get_legend_handles_labels()
    if legend is True or (legend == "auto" and any(not lab.startswith("_") for lab in labels)):
        ax.legend()


SOURCE_SIZE = 8  # points: the source line's font size
#: Measured widths run short of the drawn ones (advances without kerning, no hinting): allow for it.
TEXT_SAFETY = 1.04


@functools.cache
def _char_width(char: str, size: float) -> float:
    """Width in inches of one character of the course's font at ``size`` points (its advance, unkerned)."""
    font = get_font(findfont(FontProperties(size=size)))
    font.set_size(size, 72)
    return font.load_char(ord(char)).linearHoriAdvance / 65536 / 72


def advance_width(text: str, size: float) -> float:
    """The sum of the characters' advances, in inches: a long line's drawn width within half a percent."""
    return sum(_char_width(ch, size) for ch in text)


def text_width(text: str, size: float) -> float:
    """The width in inches a one-line text (a label) takes at ``size`` points, measured from the font without
    drawing, with room to spare for a short text's rounding."""
    return advance_width(text, size) * TEXT_SAFETY + 0.02


@functools.lru_cache(maxsize=4)
def _measuring_renderer(dpi: float) -> RendererAgg:
    return RendererAgg(1, 1, dpi)


def drawn_width(text: str, size: float, dpi: float) -> float:
    """The width in inches the Agg renderer gives a one-line text at ``size`` points (what wrapping measures)."""
    renderer = _measuring_renderer(dpi)
    width, _, _ = renderer.get_text_width_height_descent(text, FontProperties(size=size), ismath=is_math_text(text))
    return width / dpi


def wrapped(text: str, width: float, size: float, dpi: float) -> str:
    """``text`` broken at spaces into lines no wider than ``width`` inches as drawn at ``size`` points: the
    lines matplotlib's ``wrap=True`` makes.

    The source line is wrapped here, once, instead of by matplotlib at every drawing, which measured the line
    again each time it dropped a word from its end: a quarter of drawing a chart (lesson 01's ten charts,
    measured). The breaks are found from the characters' advances, then each line is measured once as drawn
    and gives its last words to the next line while it is too wide."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and advance_width(f"{lines[-1]} {word}", size) <= width * 1.005:  # advances run within 0.5%
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    i = 0
    while i < len(lines):  # a line that takes words from the one before is measured in its turn
        words = lines[i].split(" ")
        while len(words) > 1 and drawn_width(" ".join(words), size, dpi) > width:
            carried = words.pop()
            if i + 1 == len(lines):
                lines.append(carried)
            else:
                lines[i + 1] = f"{carried} {lines[i + 1]}"
        lines[i] = " ".join(words)
        i += 1
    return "\n".join(lines)


def add_source(fig: Figure, *tables: str, derived: str | None = None, chapters: list[str] | None = None) -> str:
    """Write the source line under the figure, from the tables' metadata; returns the text.
    ``chapters`` limits it to the chapters whose rows the chart draws."""
    text = source_line(*tables, derived=derived, chapters=chapters)
    shown = wrapped(text, fig.get_figwidth() * 0.99, SOURCE_SIZE, fig.dpi)  # from x = 0.01 to the right edge
    line = fig.text(0.01, 0.005, shown, ha="left", va="bottom", fontsize=SOURCE_SIZE, color="#444444", gid=SOURCE_TAG)
    line.nepcourse_source = text
    if fig.get_layout_engine() is None:  # a figure made outside the course's style (a student's, say)
        fig.set_layout_engine("constrained")
    fig.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))
    return text


def source_of(fig: Figure) -> str | None:
    """The source line of a course figure, as one line (for tests and for readers)."""
    for text in fig.texts:
        if text.get_gid() == SOURCE_TAG:
            return getattr(text, "nepcourse_source", text.get_text())
    return None
