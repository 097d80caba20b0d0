"""Retraining from corrected labels: ``inference.training.run.train(TrainConfig, state, on_step) -> TrainResult``.

data (dataset readers) -> targets (prepared images and label maps) -> augment / sampling -> seg_trainer or
cls_trainer (batches, loss, validation) -> run (the loop, checkpoints, card); evaluation lives in
inference.evaluation and metrics in inference.metrics.
"""
