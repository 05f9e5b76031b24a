"""The framework-free diary rules and the SVG chart."""

from __future__ import annotations

from decimal import Decimal

from cartpath.journey.chart import Point, chart_svg
from cartpath.journey.diary_rules import DEFAULT_SENTENCE, findings, writing_differs


def test_fever_starts_exactly_at_38_0():
    assert findings(Decimal("37.95"), []) == []
    assert [f.kind for f in findings(Decimal("38.0"), [])] == ["fever"]
    assert [f.kind for f in findings(38.0, [])] == ["fever"]


def test_a_missing_temperature_raises_nothing():
    assert findings(None, ["headache"]) == []


def test_several_neurological_symptoms_make_one_alert_naming_them_all():
    (finding,) = findings(None, ["confusion", "tremor", "headache"])
    assert finding.kind == "neuro" and "confusion" in finding.reason and "tremor" in finding.reason


def test_the_writing_test_ignores_case_punctuation_and_spacing():
    assert not writing_differs("THE SUN is shining,  and the sky is blue today")
    assert writing_differs("sky sun blue")
    assert not writing_differs("")  # not done is not a finding
    assert writing_differs(DEFAULT_SENTENCE, sentence="Another sentence entirely.")


def test_the_chart_is_svg_with_titles_for_each_point_and_no_style_or_script():
    svg = chart_svg([Point(0, 37.0), Point(2, 38.6, crs=1, icans=0)])
    assert svg.startswith("<svg") and "day 2: 38.6 °C" in svg and "CRS grade 1" in svg
    assert "style=" not in svg and "<script" not in svg
    assert chart_svg([]) == ""


def test_the_chart_escapes_its_title():
    assert "&lt;b&gt;" in chart_svg([Point(1, 37.0)], title="<b>")
