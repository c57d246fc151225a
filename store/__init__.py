"""Persistence: SQLModel tables on SQLite (or any SQLAlchemy URL), queries, import and export.

Importing this package is cheap; `painlog.store.diary` pulls in SQLAlchemy.
"""
