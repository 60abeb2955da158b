"""One style, one ``decorate(...)`` and one source line for every chart in the course.

Chart functions build a :class:`matplotlib.figure.Figure` and return it, so a notebook shows it and a
test can read what it draws (``ax.lines``, ``ax.patches``, ``fig.texts``) without running a notebook.
Each is marked with :func:`chart`, which records what the tests check it against: the tables its source
line names, the unit of each of its axes, and the function that gives its data when a lesson passes none.
"""

from __future__ import annotations

import functools
import html
import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib as mpl
import matplotlib.style  # noqa: F401  (mpl.style.context, used by @styled)
from matplotlib.figure import Figure

from . import paths
from .data import source_line

SOURCE_TAG = "nepcourse-source"


def show_figures_inline() -> None:
    """In a notebook, make a returned Figure display as a picture (not only as '<Figure size …>').

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


#: Units that computing introduces (shares, ratios, indices, positions in time): a chart's axis may carry
#: one of these, or a unit the metadata of its tables records.
DERIVED_UNITS = frozenset({"percent", "percentage points", "times", "index", "date", "year", "month", "rank"})


@dataclass(frozen=True)
class ChartSpec:
    """What a chart promises: the tables its source line names, the unit of each axes (in the order of
    ``fig.axes``), and the function that gives its data when it is called without any."""

    tables: tuple[str, ...]
    units: tuple[str, ...]
    default: Callable[[], object] | None


def chart(*tables: str, units: tuple[str, ...] | list[str] = (), data: Callable[[], object] | None = None):
    """Mark a function as one of the course's charts.

    The function's first parameter is ``data``: a lesson can compute a table in the open and pass it on
    (``grain_chart(my_table)``); called without it, the chart draws ``data()``, its own table. It is drawn
    in the course's style (``course.mplstyle``). ``tables`` are the course tables its source line names and
    ``units`` the unit each axes carries in its label; the tests hold every chart to both.
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
                return function(*bound.args, **bound.kwargs)

        wrapper.chart = ChartSpec(tuple(tables), tuple(units), data)
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
    """How a live widget shows a result: a figure as a PNG picture, a table as HTML, anything else as text."""
    import base64
    import html
    import io

    import pandas as pd

    if isinstance(result, Figure):
        buffer = io.BytesIO()
        result.savefig(buffer, format="png")
        titles = "; ".join(ax.get_title(loc="left") for ax in result.axes if ax.get_title(loc="left"))
        picture = base64.b64encode(buffer.getvalue()).decode("ascii")
        return f'<img src="data:image/png;base64,{picture}" alt="{html.escape(titles)}" style="max-width:100%">'
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
    box = widgets.VBox([*controls.values(), view])

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


def add_source(fig: Figure, *tables: str, derived: str | None = None, chapters: list[str] | None = None) -> str:
    """Write the source line under the figure, from the tables' metadata; returns the text.
    ``chapters`` limits it to the chapters whose rows the chart draws."""
    text = source_line(*tables, derived=derived, chapters=chapters)
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=8, color="#444444", wrap=True, gid=SOURCE_TAG)
    fig.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))
    return text


def source_of(fig: Figure) -> str | None:
    """The source line of a course figure (for tests and for readers)."""
    for text in fig.texts:
        if text.get_gid() == SOURCE_TAG:
            return text.get_text()
    return None
