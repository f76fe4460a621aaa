"""Retraining: annotation formats, pattern editing and learning, NER training."""
