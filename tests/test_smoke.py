from pathlib import Path

from tests.conftest import Invoke


def test_check_mini_is_clean(iafr: Invoke, mini: Path) -> None:
    result = iafr("check", "--strict", "--data", str(mini))
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


def test_measures_by_axis_label(iafr: Invoke, mini: Path) -> None:
    by_id = iafr("measures", "--axis", "frugalite", "--format", "csv", data=mini)
    by_label = iafr("measures", "--axis", "Frugalité", "--format", "csv", data=mini)
    assert by_id.exit_code == 0, by_id.output
    assert by_id.stdout == by_label.stdout
    assert by_id.stdout.splitlines()[1].startswith("m2,")
