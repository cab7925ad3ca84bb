"""Puts a table between the README's api-table markers.   Usage: api-table.py README TABLE"""
import sys

readme, table = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
start = text.index("<!-- api-table")
start = text.index("\n", start) + 1
end = text.index("<!-- /api-table -->")
open(readme, "w").write(text[:start] + table + text[end:])
