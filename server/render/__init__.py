"""Records made from a meeting's state: the referat (text, page, PDF), the drawings and the
safety plan in words, the participants' summary page, the calendar file."""
