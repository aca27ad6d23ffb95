"""The permission matrix's table, a module a room: `shared` (the core and shared apps' URLs),
`assessments`, `decisions`, `eds` and `boardtool`, built from the outcome rules in `rules` and
the records made in `records`. `tests/project/test_permission_matrix.py` merges the rows into
`MATRIX` and checks them."""
