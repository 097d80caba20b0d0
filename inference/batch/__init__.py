"""Analysing a batch of photos: one photo's work (photo.py), the one writer that owns the output folder and the
workspace (results.py), and the engines that run the photos: threads on this machine (local_engine.py) or actors on
a Ray cluster (ray_engine.py, sized by worker_plan.py). Both engines run the same per-photo code, so their results
are the same."""
