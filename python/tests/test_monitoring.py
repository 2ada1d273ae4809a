"""Monitoring KPIs and re-plans from Python: DataFrames in and out, errors that name the record."""

from __future__ import annotations

import json
import pathlib

import pandas as pd
import pytest

import stratfund as sf

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data"


@pytest.fixture(scope="module")
def demo():
    portfolio, plan = sf.demo.generate()
    return portfolio, plan, sf.solve(portfolio, plan)


def test_a_table_given_in_the_wrong_place_says_which_table_it_is(demo):
    portfolio, plan, allocation = demo
    with pytest.raises(sf.ValidationError, match="are those of a progress table, not of a portfolio") as error:
        sf.solve(DATA / "demo_progress.csv", DATA / "demo_plan.toml")
    assert [p["rule"] for p in error.value.problems] == ["wrong_document"]
    with pytest.raises(sf.ValidationError, match="are those of a portfolio, not of a progress table"):
        sf.read_progress(DATA / "demo_portfolio.csv")
    # The same tables as DataFrames: progress as the portfolio, an allocation's projects as the
    # portfolio, a portfolio as the progress.
    for frame, expected in [(sf.read_progress(DATA / "demo_progress.csv"), "a progress table"), (allocation.projects, "an allocation")]:
        with pytest.raises(sf.ValidationError, match=f"are those of {expected}.*, not of a portfolio") as error:
            sf.solve(frame, plan)
        assert [p["rule"] for p in error.value.problems] == ["wrong_document"]
    with pytest.raises(sf.ValidationError, match="are those of a portfolio, not of a progress table"):
        sf.monitor(portfolio, plan, allocation, portfolio.to_frame())
    # And as records (lists of dicts).
    records = sf.read_progress(DATA / "demo_progress.csv").to_dict("records")
    with pytest.raises(sf.ValidationError, match="are those of a progress table, not of a portfolio"):
        sf.solve(records, plan)
    with pytest.raises(sf.ValidationError, match="are those of a portfolio, not of a progress table"):
        sf.monitor(portfolio, plan, allocation, portfolio.projects)


def test_shipped_progress_reads_and_monitors(demo):
    portfolio, plan, allocation = demo
    progress = sf.read_progress(DATA / "demo_progress.csv")
    assert list(progress.columns) == ["project_id", "period", "disbursed", "status", "due_date", "completed_date"]
    m = sf.monitor(portfolio, plan, allocation, progress)
    overall = m.kpis.loc[("overall", "")]
    assert overall["funded"] == allocation.totals["funded"]
    assert overall["disbursed"] == pytest.approx(progress["disbursed"].sum())
    assert overall["stalled"] == (progress["status"] == "stalled").sum()
    assert m.houses.loc["state", "committed"] == pytest.approx(allocation.totals["state"])
    money = m.projects.groupby("status")["allocated"].sum()
    for status in ["completed", "on_track", "late", "stalled", "not_started"]:
        assert m.houses.loc["state", f"in_{status}"] == pytest.approx(money.get(status, 0.0)), status
    assert set(m.projects.index) == set(allocation.projects.index[allocation.projects["funded"]])
    assert "Monitoring as of 2026" in m._repr_html_()


def test_dataframes_with_dates_and_integer_periods_are_accepted(demo):
    portfolio, plan, allocation = demo
    funded = allocation.projects.index[allocation.projects["funded"]][:2]
    frame = pd.DataFrame(
        {
            "project_id": list(funded),
            "period": [2026, 2026],
            "disbursed": [1.0, 0.5],
            "status": ["completed", "late"],
            "due_date": pd.to_datetime(["2026-06-30", None]),
            "completed_date": pd.to_datetime(["2026-08-01", None]),
        }
    )
    m = sf.monitor(portfolio, plan, allocation, frame)
    assert m.kpis.loc[("overall", ""), "completed_late"] == 1
    assert m.projects.loc[funded[0], "timing"] == "late"


def test_pandas_periods_decimals_and_nullable_cells_are_read_as_written(demo):
    import decimal

    portfolio, plan, allocation = demo
    funded = list(allocation.projects.index[allocation.projects["funded"]][:2])
    written = pd.DataFrame(
        {"project_id": funded, "period": ["2026-Q3", "2026-Q3"], "disbursed": [1.25, 0.5], "status": ["on_track", "late"]}
    )
    pandas = written.assign(
        period=pd.PeriodIndex(["2026Q3", "2026Q3"], freq="Q"),
        disbursed=[decimal.Decimal("1.25"), decimal.Decimal("0.5")],
    ).convert_dtypes()
    expected = sf.monitor(portfolio, plan, allocation, written)
    got = sf.monitor(portfolio, plan, allocation, pandas)
    assert got.as_of == "2026-Q3" and got.projects.equals(expected.projects)
    yearly = written.assign(period=pd.PeriodIndex(["2026", "2026"], freq="Y"))
    assert sf.monitor(portfolio, plan, allocation, yearly).as_of == "2026"
    monthly = written.assign(period=pd.PeriodIndex(["2026-03", "2026-03"], freq="M"))
    with pytest.raises(sf.ValidationError, match="period `2026-03` is not YYYY or YYYY-Qn"):
        sf.monitor(portfolio, plan, allocation, monthly)


def test_projects_disbursed_above_their_allocation_are_flagged(demo):
    portfolio, plan, allocation = demo
    funded = allocation.projects[allocation.projects["funded"]]
    over, exact = funded.index[:2]
    rows = [
        {"project_id": over, "period": "2026", "disbursed": funded.loc[over, "state"] + 1.0, "status": "late"},
        {"project_id": exact, "period": "2026", "disbursed": funded.loc[exact, "state"], "status": "on_track"},
    ]
    m = sf.monitor(portfolio, plan, allocation, rows)
    assert m.kpis.loc[("overall", ""), "over_disbursed"] == 1
    group = portfolio.to_frame().loc[over, "group"]
    assert m.kpis.loc[("group", group), "over_disbursed"] == 1
    report = m.to_markdown()
    section = report[report.index("## Projects disbursed above their allocation"):]
    assert f"| {over} |" in section and f"| {exact} |" not in section


def test_bad_records_raise_validation_errors_naming_the_project(demo):
    portfolio, plan, allocation = demo
    unfunded = allocation.projects.index[~allocation.projects["funded"]][0]
    rows = [{"project_id": unfunded, "period": "2026", "disbursed": 1.0, "status": "on_track"}]
    with pytest.raises(sf.ValidationError) as err:
        sf.monitor(portfolio, plan, allocation, rows)
    assert err.value.problems[0]["project"] == unfunded
    assert err.value.problems[0]["rule"] == "not_funded"
    with pytest.raises(sf.ValidationError, match="stalled"):
        sf.replan(portfolio, plan, allocation, [], stalled="pause")


def test_an_allocation_from_other_costs_is_refused_naming_the_project(demo):
    portfolio, plan, allocation = demo
    funded = allocation.projects.index[allocation.projects["funded"]][0]
    frame = portfolio.to_frame()
    frame.loc[funded, "cost"] *= 2
    for call in (
        lambda: sf.monitor(frame, plan, allocation, []),
        lambda: sf.replan(frame, plan, allocation, []),
        lambda: sf.evaluate(frame, allocation, scenarios=10),
    ):
        with pytest.raises(sf.ValidationError, match="use the portfolio the allocation was made from") as err:
            call()
        problem = err.value.problems[0]
        assert (problem["project"], problem["field"], problem["rule"]) == (funded, "cost", "allocation_mismatch")


def test_a_bad_cell_in_a_progress_frame_names_the_row_and_its_project(demo):
    portfolio, plan, allocation = demo
    frame = sf.demo.progress(allocation)
    bad = frame.assign(due_date=frame["due_date"].astype(object))
    bad.loc[bad.index[2], "due_date"] = "31/12/2026"
    project = bad.loc[bad.index[2], "project_id"]
    with pytest.raises(sf.ValidationError, match=rf"project {project} \(row 3\), field `due_date`: `31/12/2026` is not a date"):
        sf.monitor(portfolio, plan, allocation, bad)
    bad = frame.copy()
    bad.loc[bad.index[0], "status"] = "ontrack"
    with pytest.raises(sf.ValidationError, match=r"\(row 1\), field `status`.*`on_track`"):
        sf.monitor(portfolio, plan, allocation, bad)


def test_an_infinite_or_fractional_period_or_amount_is_refused_naming_the_row(demo):
    """An infinite cell raised OverflowError (a period) or a JSON syntax error naming no field; a
    period of 2026.5 was read as 2026."""
    portfolio, plan, allocation = demo
    records = sf.demo.progress(allocation).to_dict("records")
    project = records[1]["project_id"]
    for column, value in [("period", float("inf")), ("disbursed", float("inf")), ("disbursed", float("-inf"))]:
        rows = [dict(r) for r in records]
        rows[1][column] = value
        for progress in (rows, pd.DataFrame(rows)):
            with pytest.raises(sf.ValidationError, match=rf"{column} in row 2 is {value}") as error:
                sf.monitor(portfolio, plan, allocation, progress)
            assert [(p["project"], p["field"], p["rule"]) for p in error.value.problems] == [(project, column, "not_finite")]
    rows = [dict(r) for r in records]
    rows[1]["period"] = 2026.5
    with pytest.raises(sf.ValidationError, match=r"\(row 2\), field `period`: invalid type: number `2026.5`"):
        sf.monitor(portfolio, plan, allocation, rows)
    rows[1]["period"] = 2026.0  # a year read as a float is still the year
    assert sf.monitor(portfolio, plan, allocation, rows).as_of == "2026"


def test_empty_rows_below_a_progress_frame_are_skipped(demo, tmp_path):
    portfolio, plan, allocation = demo
    path = tmp_path / "progress.csv"
    sf.write_progress(sf.demo.progress(allocation), path)
    with open(path, "a") as f:  # what a spreadsheet exports below its table
        f.write(",,,,,\n,,,,,\n")
    expected = sf.monitor(portfolio, plan, allocation, sf.demo.progress(allocation)).kpis
    for progress in (path, pd.read_csv(path)):
        pd.testing.assert_frame_equal(sf.monitor(portfolio, plan, allocation, progress).kpis, expected)


def test_replan_continues_cuts_and_refunds(demo):
    portfolio, plan, allocation = demo
    progress = sf.demo.progress(allocation)
    r = sf.replan(portfolio, plan, allocation, progress)
    assert r.from_year == 2027
    assert r.sunk == pytest.approx(progress["disbursed"].sum())
    actions = r.tracked["action"]
    stalled = set(progress.loc[progress["status"] == "stalled", "project_id"])
    assert stalled and stalled == set(actions.index[actions == "cut"])
    continuing = actions.index[actions == "continue"]
    new = r.allocation.projects
    assert new.loc[continuing, "funded"].all()
    remaining = r.tracked.loc[continuing, "remaining_state"]
    assert (new.loc[continuing, "state"] - remaining).abs().max() < 1e-6
    assert pd.isna(r.years.loc[2026, "replan_budget"])  # a past year
    assert r.years.loc[2028, "replan_budget"] == pytest.approx(r.years.loc[2028, "budget"])
    assert r.plan.to_dict()["years"] == [2027, 2028, 2029, 2030]
    # Compete instead of cut: the stalled remainders become optional proposals.
    r2 = sf.replan(portfolio, plan, allocation, progress, stalled="compete")
    assert (r2.tracked["action"] == "compete").sum() == (actions == "cut").sum()
    assert r2.allocation.objective >= r.allocation.objective - 1e-6 * abs(r.allocation.objective)


def test_reporting_periods_are_given_as_text_years_or_pandas_periods(demo):
    portfolio, plan, allocation = demo
    progress = sf.demo.progress(allocation)
    quarter = sf.monitor(portfolio, plan, allocation, progress, as_of="2026-Q3")
    assert quarter.as_of == "2026-Q3"
    assert sf.monitor(portfolio, plan, allocation, progress, as_of=pd.Period("2026Q3", freq="Q")).as_of == "2026-Q3"
    for year in (2026, "2026", pd.Period("2026", freq="Y")):
        m = sf.monitor(portfolio, plan, allocation, progress, as_of=year)
        assert m.as_of == "2026", year
        pd.testing.assert_frame_equal(m.kpis, sf.monitor(portfolio, plan, allocation, progress, as_of="2026").kpis)
    with pytest.raises(TypeError, match=r"as_of: expected a period such as 2027 .*; got float 2026.5"):
        sf.monitor(portfolio, plan, allocation, progress, as_of=2026.5)


def test_replan_arguments_name_the_keyword_and_what_it_meant(demo):
    portfolio, plan, allocation = demo
    progress = sf.demo.progress(allocation)
    with pytest.raises(sf.ValidationError, match=r"field `late`: the action 'stop' must be one of") as info:
        sf.replan(portfolio, plan, allocation, progress, late="stop")
    assert info.value.problems[0]["rule"] == "invalid_value"
    with pytest.raises(sf.ValidationError, match=r"did you mean `compete`\?"):
        sf.replan(portfolio, plan, allocation, progress, stalled="Compete ")
    with pytest.raises(TypeError, match=r"stalled: expected one of continue, cut, compete; got NoneType"):
        sf.replan(portfolio, plan, allocation, progress, stalled=None)
    for year in ("2027", 2027.0):
        with pytest.raises(TypeError, match=r"from_year: expected a whole number"):
            sf.replan(portfolio, plan, allocation, progress, from_year=year)
    import numpy as np

    assert sf.replan(portfolio, plan, allocation, progress, from_year=np.int64(2028)).from_year == 2028


def test_progress_round_trips_through_files(demo, tmp_path):
    _, _, allocation = demo
    progress = sf.demo.progress(allocation)
    for name in ("p.csv", "p.json"):
        sf.write_progress(progress, tmp_path / name)
        back = sf.read_progress(tmp_path / name)
        pd.testing.assert_frame_equal(back.fillna(""), progress.fillna(""), check_dtype=False)


def test_monitoring_and_replan_reports_in_english_and_vietnamese(demo):
    portfolio, plan, allocation = demo
    progress = sf.demo.progress(allocation)
    m = sf.monitor(portfolio, plan, allocation, progress)
    assert json.loads(m.to_json())["schema"] == "stratfund.monitor/1"
    en, vi = m.to_markdown(), m.to_markdown(lang="vi")
    assert en.startswith("# Monitoring as of 2026") and "| overall |" in en
    assert vi.startswith("# Theo dõi thực hiện đến kỳ 2026") and "| toàn bộ |" in vi
    # One table row per scope in both languages.
    assert sum(line.startswith("| ") for line in en.splitlines()) == sum(line.startswith("| ") for line in vi.splitlines())
    assert m.to_html(lang="vi").startswith("<!DOCTYPE html>")
    r = sf.replan(portfolio, plan, allocation, progress)
    assert json.loads(r.to_json())["schema"] == "stratfund.replan/1"
    page = r.to_html(lang="vi")
    assert '<html lang="vi">' in page and "Điều chỉnh kế hoạch từ năm 2027" in page
    assert page.count("<tr><td>P-") >= len(r.tracked) + len(r.allocation.projects)
    with pytest.raises(sf.ValidationError, match="use one of en, vi"):
        r.to_markdown(lang="de")


def test_a_named_index_beside_project_ids_is_read_not_dropped(demo):
    portfolio, plan, allocation = demo
    frame = sf.demo.progress(allocation)
    expected = sf.monitor(portfolio, plan, allocation, frame).kpis
    with pytest.raises(sf.ValidationError, match="^<progress>: field `batch`: unknown column `batch`") as info:
        sf.monitor(portfolio, plan, allocation, frame.rename_axis("batch"))
    assert [(p["field"], p["rule"]) for p in info.value.problems] == [("batch", "unknown_field")], "once, not per row"
    with pytest.raises(sf.ValidationError, match="^2 problems reading <progress>:") as info:
        sf.monitor(portfolio, plan, allocation, frame.assign(statuss=1, note="x"))
    assert [p["field"] for p in info.value.problems] == ["statuss", "note"]
    by_project = frame.set_index("project_id")  # the ids as the index
    pd.testing.assert_frame_equal(sf.monitor(portfolio, plan, allocation, by_project).kpis, expected)
    pd.testing.assert_frame_equal(sf.monitor(portfolio, plan, allocation, by_project.rename_axis(None)).kpis, expected)
    for indexed in (frame.set_index("project_id", drop=False), frame.set_index(["project_id", "period"])):
        pd.testing.assert_frame_equal(sf.monitor(portfolio, plan, allocation, indexed).kpis, expected)
    with pytest.raises(sf.ValidationError, match="row index of 2 levels needs one named `project_id`"):
        sf.monitor(portfolio, plan, allocation, frame.drop(columns="project_id").set_index(["period", "status"]))
    with pytest.raises(sf.ValidationError, match="^<progress>: field `project_id`: required column `project_id` is missing"):
        sf.monitor(portfolio, plan, allocation, frame.drop(columns="project_id"))  # row numbers are no ids


def test_progress_records_name_an_unknown_key_once(demo):
    portfolio, plan, allocation = demo
    records = sf.demo.progress(allocation).to_dict("records")
    records[3]["index"] = 7  # a key like any other, not dropped
    with pytest.raises(sf.ValidationError, match="^<progress>: field `index`: unknown column `index`") as info:
        sf.monitor(portfolio, plan, allocation, records)
    assert len(info.value.problems) == 1


def test_a_progress_frame_without_rows_is_read_as_no_progress(demo):
    portfolio, plan, allocation = demo
    empty = sf.demo.progress(allocation).iloc[:0]  # the columns, no row
    assert sf.monitor(portfolio, plan, allocation, empty).kpis.loc[("overall", ""), "disbursed"] == 0


def test_a_key_every_progress_record_lacks_is_one_problem(demo):
    portfolio, plan, allocation = demo
    records = [{k: v for k, v in r.items() if k != "status"} for r in sf.demo.progress(allocation).to_dict("records")]
    with pytest.raises(sf.ValidationError, match="^<progress>: field `status`: required column `status` is missing") as info:
        sf.monitor(portfolio, plan, allocation, records)
    assert len(info.value.problems) == 1, "once, not once per record"
    records[0]["status"] = "late"  # one record has it: each other record's error names its row
    with pytest.raises(sf.ValidationError, match=r"project \S+ \(row 2\), field `status`") as info:
        sf.monitor(portfolio, plan, allocation, records)
    assert len(info.value.problems) == len(records) - 1


def test_progress_of_the_wrong_kind_is_named(demo):
    portfolio, plan, allocation = demo
    for progress, message in [
        (None, r"progress: expected a DataFrame, a list of dicts or a file's path; got NoneType"),
        ({"project_id": "P-0001"}, r"progress: expected .*; got dict"),
        (["P-0001,2026"], r"progress\[0\]: expected a dict \(a record\); got str"),
    ]:
        with pytest.raises(TypeError, match=message):
            sf.monitor(portfolio, plan, allocation, progress)
