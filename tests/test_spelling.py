from lsp_heal.spelling import edit_distance


def test_a_swap_of_neighbours_is_one_edit() -> None:
    assert edit_distance("teh", "the") == 1
    assert edit_distance("reqeusts", "requests") == 1


def test_insertions_deletions_and_substitutions_count_one_each() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == edit_distance("abc", "") == 3
    assert edit_distance("numpy", "numpy") == 0


def test_a_swap_is_not_reused_across_an_edit() -> None:
    """Optimal string alignment: `ca` → `abc` is 3 (no substring edited twice), not 2."""
    assert edit_distance("ca", "abc") == 3
