"""Editing speed on a full-size fundus mask (4288x2848): brush segments, stroke undo/redo, 1,000 mixed undos."""
from __future__ import annotations

import statistics
import time

import numpy as np

from annotations import raster
from annotations.classes import LESION_CLASSES
from annotations.commands import AddBox, DeleteBox, FillRegion, SetBoxGeometry
from annotations.document import Box, CaseDocument
from annotations.history import History

WIDTH, HEIGHT = 4288, 2848


def new_document(rng: np.random.Generator) -> CaseDocument:
    mask = np.zeros((HEIGHT, WIDTH), dtype=np.uint8)
    mask[rng.random((HEIGHT, WIDTH)) < 0.01] = 0b0110  # sparse existing labels, so bits must survive edits
    return CaseDocument("bench", "bench.jpg", WIDTH, HEIGHT, mask=mask)


def walk(rng: np.random.Generator, count: int, step: float = 12.0,
         centre: tuple[float, float] = (WIDTH / 2, HEIGHT / 2)) -> list[tuple[float, float]]:
    """A mouse-like path from ``centre``: ``count`` segments of about ``step`` pixels with a slowly turning heading."""
    (x, y), heading = centre, 0.0
    points = [(x, y)]
    for _ in range(count):
        heading += rng.normal(0, 0.3)
        x = float(np.clip(x + step * np.cos(heading), 0, WIDTH - 1))
        y = float(np.clip(y + step * np.sin(heading), 0, HEIGHT - 1))
        points.append((x, y))
    return points


def timed_ms(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def bench_stroke(rng: np.random.Generator) -> None:
    history = History(new_document(rng))
    points = walk(rng, 200)
    history.begin_stroke(LESION_CLASSES[1], 24)
    history.extend_stroke(*points[0])
    segment_ms = [timed_ms(lambda p=p: history.extend_stroke(*p)) for p in points[1:]]
    commit_ms = timed_ms(history.commit_stroke)
    stroke_kb = history.memory_bytes / 1024
    undo_ms = timed_ms(history.undo)
    redo_ms = timed_ms(history.redo)
    print(f"   brush segment (size 24 px, 200 segments): median {statistics.median(segment_ms):.3f} ms, "
          f"max {max(segment_ms):.3f} ms   (target <= 5 ms)")
    print(f"   commit stroke: {commit_ms:.2f} ms; stroke keeps {stroke_kb:.0f} KiB")
    print(f"   undo whole stroke: {undo_ms:.2f} ms   (target <= 20 ms)")
    print(f"   redo whole stroke: {redo_ms:.2f} ms   (target <= 20 ms)")


def mixed_edit(history: History, rng: np.random.Generator) -> None:
    doc = history.doc
    cls = LESION_CLASSES[rng.integers(len(LESION_CLASSES))]
    kind = rng.integers(6)
    x, y = float(rng.uniform(0, WIDTH)), float(rng.uniform(0, HEIGHT))
    if kind <= 1:  # paint or erase a short stroke
        history.begin_stroke(cls, int(rng.integers(6, 60)), erase=kind == 1)
        for _ in range(rng.integers(5, 40)):
            x, y = x + rng.normal(0, 10), y + rng.normal(0, 10)
            history.extend_stroke(x, y)
        history.commit_stroke()
    elif kind == 2:  # lasso fill
        size = rng.uniform(20, 400)
        points = [(x + size * np.cos(a), y + size * np.sin(a)) for a in np.sort(rng.uniform(0, 2 * np.pi, 8))]
        history.execute(FillRegion(cls, raster.polygon_region(doc.mask.shape, points)))
    elif kind == 3 or not doc.boxes:
        history.execute(AddBox(Box(cls, int(x), int(y), int(x) + 40, int(y) + 30)))
    elif kind == 4:
        box = doc.boxes[rng.integers(len(doc.boxes))]
        history.execute(SetBoxGeometry(box.uid, box.xmin + 5, box.ymin + 5, box.xmax + 5, box.ymax + 5))
    else:
        history.execute(DeleteBox(doc.boxes[rng.integers(len(doc.boxes))].uid))


def bench_mixed(rng: np.random.Generator) -> None:
    history = History(new_document(rng), max_steps=1000)
    apply_ms = timed_ms(lambda: [mixed_edit(history, rng) for _ in range(1000)])
    steps = history.position
    memory_mb = history.memory_bytes / 2**20
    undo_ms = timed_ms(lambda: [history.undo() for _ in range(steps)])
    redo_ms = timed_ms(lambda: [history.redo() for _ in range(steps)])
    print(f"   1,000 mixed edits ({steps} steps, {memory_mb:.1f} MiB of history): apply {apply_ms:.0f} ms")
    print(f"   undo all: {undo_ms:.0f} ms total, {undo_ms / steps:.3f} ms per step   (target <= 20 ms per step)")
    print(f"   redo all: {redo_ms:.0f} ms total, {redo_ms / steps:.3f} ms per step   (target <= 20 ms per step)")


def main() -> None:
    rng = np.random.default_rng(0)
    print(f"   mask {WIDTH}x{HEIGHT} uint8")
    bench_stroke(rng)
    bench_mixed(rng)


if __name__ == "__main__":
    main()
