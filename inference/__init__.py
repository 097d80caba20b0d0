"""Preprocessing, models, segmentation, classification, Grad-CAM, findings, training. No Qt."""
