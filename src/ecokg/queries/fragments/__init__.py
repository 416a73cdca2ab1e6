"""Query fragments the catalogue's ``.rq`` files include (``# include: NAME ?var``): one rule,
written once (:mod:`ecokg.queries.include`)."""
