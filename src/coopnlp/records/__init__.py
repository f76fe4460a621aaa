"""The record schema (pydantic models), the raw document type, the Arrow and CSV
schemas derived from them, and loading tables back; imports nothing above resources."""
