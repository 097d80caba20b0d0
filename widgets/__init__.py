"""Thin Qt views over the case document. No torch, no inference."""
