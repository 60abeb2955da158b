"""``make site``: the course as an offline website, with slides and a printable handout per lesson (see build.py)."""
