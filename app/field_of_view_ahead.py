"""The photo's field of view (annotations.fov) worked out on a worker thread as soon as the photo arrives, for
"Inside FOV": on a 12 MP photo it takes 0.1-0.5 s, which the first stroke used to spend on the GUI thread before
any paint showed. A plain thread pool of one, not a TaskRunner: a stroke that comes before the worker is done
waits for its result (annotations.fov.FieldOfViewLookup), which a result delivered through the event loop
cannot give."""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from annotations.fov import FieldOfViewLookup, field_of_view


class FieldOfViewAhead:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="field-of-view")
        self._work: Future | None = None

    def work_out(self, image: np.ndarray | None, lookup: FieldOfViewLookup) -> None:
        """Work out ``image``'s field of view for ``lookup``; the photo before it is not needed any more."""
        if self._work is not None:
            self._work.cancel()  # not started yet: never will
        self._work = None
        if image is not None:
            self._work = self._pool.submit(field_of_view, image)
            lookup.expect(image, self._work)

    @property
    def busy(self) -> bool:
        return self._work is not None and not self._work.done()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
