"""Format readers behind ``consist.ingest``: decoded text in, ``Document`` values out.

Each reader is pure (text in, documents out); all file-system work stays in
``consist.ingest``, so the readers can be tested and fuzzed without touching disk.
"""
