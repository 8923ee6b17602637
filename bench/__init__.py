"""`make bench`: the developer listing under load, beside a bare Flask app (see __main__)."""
