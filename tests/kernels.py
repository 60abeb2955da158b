"""One Jupyter kernel per test process, shared by the notebooks nbval runs in it.

Starting a kernel and importing pandas, matplotlib, ipywidgets and ``nepcourse`` costs about 2 s of CPU,
and each lesson has three notebooks: at seventeen lessons that floor alone would be a minute of the suite.
So nbval's notebooks share one kernel per test process, and between two notebooks the kernel is reset
to what a fresh one holds that matters to a notebook: an empty namespace (what ``%reset -f`` does, less its
full garbage collection, 0.1 s a notebook that a fresh kernel does not pay either), no open figures,
matplotlib's and pandas' settings back to their defaults, the notebook's own folder as working directory
(each notebook's first cell calls ``nepcourse.setup()`` again; importing the package changes nothing). A notebook
that leans on another's variables still fails, as it would for a student. Fresh kernels are still what
``python -m tools execute`` uses to write the stored outputs that nbval compares against, and
``tests/test_kernels.py`` shows that the reset leaves nothing behind. The shared kernels draw no pictures: a
1×1 stand-in replaces each chart's PNG, which nbval never compares (it compares the alt text beside it); the
real pictures are drawn by ``make build`` (stored outputs the suite requires to be current) and by JupyterLab
in the browser test. Set ``NEPCOURSE_FRESH_KERNELS=1`` to give every
notebook its own kernel, with real pictures, as nbval does by itself.
"""

import atexit
import os

from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel
from nbval.plugin import IPyNbFile

RESET = """\
import gc as _gc
_gc.course_collect, _gc.collect = _gc.collect, lambda generation=2: 0
get_ipython().reset(new_session=False)
import gc as _gc, os as _os
import matplotlib as _mpl, matplotlib.pyplot as _plt, pandas as _pd
_plt.close("all")
_mpl.rcParams.update({_k: _v for _k, _v in _mpl.rcParamsOrig.items() if _k != "backend"})
_pd.reset_option("all")
_os.chdir(CWD)
_gc.collect = _gc.course_collect
del _gc, _os, _mpl, _plt, _pd
"""

#: A shared kernel collects garbage less often, as the test processes do (see conftest.py): with Python's default
#: thresholds, garbage collection was 8% of a kernel's time over twelve notebooks, 2.5% after (measured).
GC_THRESHOLDS = (50_000, 20, 20)
GC = f"import gc as _gc\n_gc.set_threshold{GC_THRESHOLDS}\ndel _gc"

#: Makes a kernel draw stand-in pictures (see nepcourse.plotting.STAND_IN_PNG). The suite's kernels need not run
#: it: they inherit NEPCOURSE_PICTURES from the test process (set below); tests/test_kernels.py uses it.
PICTURES = 'import os as _os\n_os.environ["NEPCOURSE_PICTURES"] = "stand-in"\ndel _os'

_shared = {}


def _stop():
    kernel = _shared.pop("kernel", None)
    if kernel is not None and kernel.is_alive():
        kernel.stop()


def reset(kernel, cwd, code=None):
    """Run the reset (or ``code``) in ``kernel``, read every message it causes, and raise if it fails."""
    msg_id = kernel.execute_cell_input(code or RESET.replace("CWD", repr(cwd)), allow_stdin=False)
    while True:
        reply = kernel.get_message(stream="shell", timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    kernel.await_idle(msg_id, timeout=60)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"resetting the shared kernel failed: {reply['content'].get('evalue')}")


def _setup(self):
    cwd = str(self.fspath.dirname)
    kernel = _shared.get("kernel")
    if kernel is None or not kernel.is_alive():
        kernel = RunningKernel(
            CURRENT_ENV_KERNEL_NAME, cwd=cwd, startup_timeout=self.config.option.nbval_kernel_startup_timeout
        )
        _shared["kernel"] = kernel
        reset(kernel, cwd, GC)
    else:
        reset(kernel, cwd)
    self.kernel = kernel
    self.setup_sanitize_files()


def _teardown(self):
    """Keep the kernel for the next notebook (it stops when the test process ends)."""


# The test process and the kernels it starts draw stand-in pictures (nepcourse.plotting.STAND_IN_PNG): no test
# compares a picture's bytes. JupyterLab in the browser test, and `make build`, draw real ones.
os.environ.setdefault("NEPCOURSE_PICTURES", "stand-in")

if not os.environ.get("NEPCOURSE_FRESH_KERNELS"):
    IPyNbFile.setup = _setup
    IPyNbFile.teardown = _teardown
    atexit.register(_stop)
