"""`paused()`: the cyclic garbage collector off while one piece of work makes a great many
short-lived objects (a 10,000-row import, a PDF's layout).

Python's cycle collector runs whenever enough new objects have been made, and each full pass
walks every object the process holds. An import plans some 300,000 small objects and WeasyPrint
lays out a hundred pages in as many boxes: the collector walked them again and again, a third of
an import's time and an eighth of a PDF's, and found next to nothing (reference counting frees
them). Measured on the agenda: 3 MB more at the peak. One collection runs afterwards, so the few
cycles there are do not wait for the next."""

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    if not gc.isenabled():  # an outer block paused it, and will collect
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(1)
