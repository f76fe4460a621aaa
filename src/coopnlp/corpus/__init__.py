"""Steps over all documents of a run (the cooperation network)."""
