"""The record schema (pydantic) and the Doc -> records step."""
