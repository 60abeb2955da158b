"""The shared kernel of ``tests/kernels.py``, reset between notebooks, holds what a fresh kernel holds."""

import json
import os

import pytest
from kernels import reset
from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel

from nepcourse import paths

SNAPSHOT = """\
import json as _json, os as _os, sys as _sys, matplotlib as _mpl, matplotlib.pyplot as _plt, pandas as _pd
print(_json.dumps({
    "names": sorted(n for n in globals() if not n.startswith("_") and n not in ("In", "Out", "exit", "quit",
                                                                                   "get_ipython", "open")),
    "rc": {k: repr(v) for k, v in _mpl.rcParams.items() if k != "backend"},  # the same backend goes by two names
    "pandas": {k: repr(_pd.get_option(k)) for k in ("display.max_colwidth", "display.max_rows", "display.precision")},
    "figures": _plt.get_fignums(),
    "cwd": _os.getcwd(),
}))
"""

MESS = """\
import matplotlib.pyplot as plt, pandas as pd, os, nepcourse
x = 41
plt.rcParams["font.size"] = 30
pd.set_option("display.precision", 2)
plt.figure()
os.chdir("/")
"""


def run(kernel, code):
    msg_id = kernel.execute_cell_input(code, allow_stdin=False)
    printed = []
    while True:
        msg = kernel.get_message(stream="iopub", timeout=60)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            raise AssertionError("\n".join(msg["content"]["traceback"]))
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return "".join(printed)


def snapshot(kernel):
    return json.loads(run(kernel, SNAPSHOT))


@pytest.fixture(scope="module")
def kernel():
    """One kernel for this module's tests: the first snapshots it fresh, and each leaves it reset."""
    kernel = RunningKernel(CURRENT_ENV_KERNEL_NAME, cwd=str(paths.ROOT / "notebooks"))
    yield kernel
    kernel.stop()


def test_a_reset_kernel_holds_what_a_fresh_one_holds(kernel):
    fresh = snapshot(kernel)
    run(kernel, MESS)
    messed = snapshot(kernel)
    assert messed != fresh, "the test's mess changed nothing: it cannot tell a reset from none"
    reset(kernel, str(paths.ROOT / "notebooks"))
    after = snapshot(kernel)
    assert {k: (fresh["rc"].get(k), v) for k, v in after["rc"].items() if fresh["rc"].get(k) != v} == {}, (
        "rcParams differ"
    )
    assert after == fresh


def test_a_shared_kernel_draws_stand_in_pictures_and_keeps_them_after_a_reset(kernel):
    """The suite's pictures are stand-ins (nbval compares alt text, never a picture's bytes); a kernel outside
    the suite draws real ones."""
    from kernels import PICTURES

    picture = "from nepcourse.plotting import figure_png, new_figure\nprint(len(figure_png(new_figure()[0])))\n"
    run(kernel, "import os\nos.environ.pop('NEPCOURSE_PICTURES', None)")  # a kernel outside the suite
    real = int(run(kernel, picture))
    reset(kernel, str(paths.ROOT / "notebooks"), PICTURES)
    stand_in = int(run(kernel, picture))
    reset(kernel, str(paths.ROOT / "notebooks"))
    assert stand_in == int(run(kernel, picture)) < 100 < real
    assert os.environ.get("NEPCOURSE_PICTURES") == "stand-in", "the test process draws stand-ins too"
