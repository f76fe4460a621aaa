"""Reading, cleaning and writing documents and tables."""
