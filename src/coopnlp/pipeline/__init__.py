"""The spaCy pipeline: base English model plus coopnlp's own components."""
