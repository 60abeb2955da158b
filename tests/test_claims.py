"""The book's arithmetic, recomputed: a stored verdict that the numbers do not bear out fails the suite."""

import pytest

from nepcourse import claims, load

CLAIMS = load("claims")


@pytest.fixture(scope="module")
def evaluated():
    return claims.evaluate().set_index("claim_id")


@pytest.mark.parametrize("claim_id", list(CLAIMS["claim_id"]))
def test_stored_verdict_matches_the_recomputation(claim_id, evaluated):
    row = evaluated.loc[claim_id]
    assert row["verdict"] == row["recomputed_verdict"], (claim_id, row["computed"], row["stated"])


def test_some_claims_fail_and_the_lesson_says_so():
    evaluated = claims.evaluate(lesson="01")
    assert (evaluated["recomputed_verdict"] == "does not hold").any()
    assert (evaluated["recomputed_verdict"] == "holds").any()


@pytest.mark.parametrize(
    "computed, stated, comparison, tolerance, expected",
    [
        (2.8, 2.8, "exactly", 0.05, True),
        (2.9, 2.8, "exactly", 0.05, False),
        (66.7, 60, "more than", 0, True),
        (59.0, 60, "more than", 0, False),
        (92.5, 100, "less than", 0, True),
        (100.5, 100, "less than", 0, False),
        (-5.56, -5.4, "about", 0.25, True),
        (-5.56, -5.4, "about", 0.1, False),
    ],
)
def test_how_wording_is_judged(computed, stated, comparison, tolerance, expected):
    assert claims.holds(computed, stated, comparison, tolerance) is expected


def test_computation_reads_the_tables():
    assert claims.compute("v('intro_grain', series='harvest', period='1926–1927') - 70") == pytest.approx(6.4)


@pytest.mark.parametrize(
    "bad", ["__import__('os')", "v('intro_grain', series='harvest')", "open('x')", "1 if 1 else 2"]
)
def test_computation_refuses_anything_but_arithmetic_on_one_row(bad):
    with pytest.raises(Exception):  # noqa: B017  (any refusal will do; what matters is that nothing runs)
        claims.compute(bad)


def test_a_wrong_verdict_would_be_caught(scratch_data):
    path = scratch_data / "claims.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("does not hold,", "holds,", 1), encoding="utf-8")
    evaluated = claims.evaluate()
    assert (evaluated["verdict"] != evaluated["recomputed_verdict"]).any()
