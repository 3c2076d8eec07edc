"""Reading a rating set for the quality scripts beside this file: the formats they take on the command line."""
import csv
import sys

FORMATS = "movielens | tab | space | csv:USERCOL,ITEMCOL,RATINGCOL[,TSCOL]"


def rows(path, fmt, need_time=False):
    """Yields (user, item, rating, timestamp or None) as text; exits naming the line when need_time and one lacks it."""
    if fmt.startswith("csv:"):
        cols = fmt[4:].split(",")
        if need_time and len(cols) < 4:
            sys.exit(f"format {fmt}: a time split needs the timestamp column (csv:USER,ITEM,RATING,TS)")
        with open(path, newline="") as f:
            for r in csv.DictReader(f):
                yield r[cols[0]], r[cols[1]], r[cols[2]], (r[cols[3]] if len(cols) > 3 else None)
        return
    if fmt not in ("movielens", "tab", "space"):
        sys.exit(f"unknown format {fmt!r}: expected {FORMATS}")
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                p = line.split("::") if fmt == "movielens" else line.split()
                if need_time and len(p) < 4:
                    sys.exit(f"{path}: a rating without a timestamp: {line!r} (a time split needs timestamps)")
                yield p[0], p[1], p[2], (p[3] if len(p) > 3 else None)
