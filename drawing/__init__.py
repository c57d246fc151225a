"""What the trend charts draw, shared by the Trends screen and `painlog chart`.

A layer of its own between rules/ and the two front ends: it reads the week summaries of
rules/weekly and draws them on any plotext figure, so it needs neither the store nor
Textual.
"""
