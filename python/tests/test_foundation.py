"""The foundation from Python: catalog, inputs from files/dicts/DataFrames, validation, errors."""

import json
import pathlib
import pickle
import re

import pandas as pd
import pytest

import stratfund as sf


def test_package_is_the_installed_wheel_not_the_source_tree():
    assert "site-packages" in pathlib.Path(sf.__file__).parts


def test_catalog_groups_and_products():
    groups = sf.catalog()
    assert len(groups) == 11
    assert groups.loc["ai_twin_xr", "status"] == "confirmed"
    products = sf.catalog(products=True)
    assert products.loc[("ai_twin_xr", "remote_ai_smart_devices"), "status"] == "proposed"
    assert products["priority"].sum() >= 6
    # A catalog file given where the products flag goes is not read as "products=True".
    with pytest.raises(TypeError, match=r"products: expected True or False; got the path 'my_catalog.toml': give a catalog file as path="):
        sf.catalog("my_catalog.toml")
    with pytest.raises(TypeError, match="products: expected True or False; got str 'yes'"):
        sf.catalog(products="yes")


def test_demo_files_json_and_csv_hold_the_same_portfolio(data_dir):
    from_json = sf.Portfolio.from_path(data_dir / "demo_portfolio.json")
    from_csv = sf.Portfolio.from_path(data_dir / "demo_portfolio.csv")
    assert from_json == from_csv == sf.demo.portfolio()
    assert len(from_json) == 300
    assert sf.Plan.from_path(data_dir / "demo_plan.toml") == sf.Plan.from_path(data_dir / "demo_plan.json") == sf.demo.plan()


def test_dataframe_round_trip_keeps_every_field():
    portfolio = sf.demo.portfolio()
    frame = portfolio.to_frame()
    assert frame.index.name == "id" and frame.index.is_unique
    again = sf.Portfolio.from_frame(frame, catalog="decision-1131-2025")
    assert again == portfolio


def test_to_frame_types_columns_as_pandas_would_infer_them():
    base = {"group": "biotech", "class": "market", "cost": 10.0, "impact": 1.0, "enterprise_commitment": 6.0}
    complete = sf.Portfolio({"projects": [dict(base, id="A", start_year=2026, trl=4), dict(base, id="B", start_year=2027, trl=5)]})
    frame = complete.to_frame()
    assert frame["start_year"].dtype == "int64" and frame["trl"].tolist() == [4, 5]
    assert frame["cost"].dtype == "float64" and frame["mandatory"].dtype == bool
    gaps = sf.Portfolio({"projects": [dict(base, id="A", state_request=5.0), dict(base, id="B", trl=3)]}).to_frame()
    assert gaps["state_request"].dtype == "float64" and gaps["state_request"].isna().tolist() == [False, True]
    assert gaps["trl"].dtype == "float64" and gaps["trl"].isna().tolist() == [True, False]
    assert gaps["start_year"].isna().all() and gaps.loc["B", "trl"] == 3.0
    assert sf.Portfolio.from_frame(gaps) == sf.Portfolio.from_frame(gaps.astype({"trl": object}))


def test_from_frame_accepts_semicolon_lists_and_nan_defaults():
    frame = pd.DataFrame(
        {
            "group": ["biotech", "biotech"],
            "class": ["market", "strategic"],
            "cost": [10.0, 20.0],
            "impact": [1.0, 2.0],
            "requires": [None, "A"],
            "trl": [float("nan"), 4.0],
        },
        index=pd.Index(["A", "B"], name="id"),
    )
    p = sf.Portfolio.from_frame(frame)
    assert p.projects[1]["requires"] == ["A"] and p.projects[1]["trl"] == 4
    assert p.projects[0]["success_probability"] == 1.0


@pytest.mark.parametrize(
    ("field", "value", "message", "rule"),
    [
        ("trl", 4.5, "`4.5` is not a whole number", "wrong_type"),
        ("trl", 300.0, "`300` is out of range: it must be at most 255", "out_of_range"),
        ("duration_years", -1.0, "`-1` is out of range: it must be at least 0", "out_of_range"),
    ],
)
def test_a_whole_number_column_says_what_is_wrong_as_a_csv_cell_would(field, value, message, rule):
    frame = pd.DataFrame(
        {"group": ["biotech"], "class": ["market"], "cost": [10.0], "impact": [1.0], field: [value]},
        index=pd.Index(["A"], name="id"),
    )
    with pytest.raises(sf.ValidationError) as error:
        sf.Portfolio.from_frame(frame)
    assert str(error.value).endswith(f"project A, field `{field}`: {message} [rule {rule}]")
    assert [(p["project"], p["field"], p["rule"]) for p in error.value.problems] == [("A", field, rule)]


def test_frames_read_as_pandas_leaves_them_take_the_same_portfolio(tmp_path):
    # Generated with profiles of both kinds, lists and missing cells: written by pandas, read
    # back as text or with pandas' own types, each gives the same portfolio.
    portfolio = sf.demo.portfolio()
    frame = portfolio.to_frame()
    frame.loc[frame.index[0], "cost_profile"] = [0.25, 0.75]
    start = int(frame.loc[frame.index[1], "start_year"])
    frame.at[frame.index[1], "cost_profile"] = {start: float(frame.loc[frame.index[1], "cost"])}
    frame.loc[frame.index[1], "duration_years"] = 1
    frame.loc[frame.index[0], "duration_years"] = 2
    frame.loc[frame.index[2], ["state_request", "product"]] = [float("nan"), None]
    reference = sf.Portfolio.from_frame(frame)
    frame.to_csv(tmp_path / "pandas.csv")
    assert sf.Portfolio.from_path(tmp_path / "pandas.csv") == reference
    assert sf.Portfolio.from_frame(pd.read_csv(tmp_path / "pandas.csv")) == reference
    as_text = pd.read_csv(tmp_path / "pandas.csv", dtype=str, keep_default_na=False)
    assert (as_text["state_request"] == "").any() and as_text["requires"].str.startswith("[").all()
    assert sf.Portfolio.from_frame(as_text) == reference


def test_float32_cells_count_as_the_decimals_they_show():
    frame = sf.demo.portfolio().to_frame()
    narrow = frame.astype({"cost": "float32", "enterprise_commitment": "float32", "impact": "Float32"})
    assert narrow["cost"].tolist() != frame["cost"].tolist(), "fixture: float32 cells are not doubles"
    assert sf.Portfolio.from_frame(narrow) == sf.Portfolio.from_frame(frame)
    budgets = pd.Series([699.1, 760.8], index=[2026, 2027], dtype="float32")
    assert sf.Plan.from_frame(budgets).to_dict()["state_budget"] == {"2026": 699.1, "2027": 760.8}


@pytest.mark.parametrize(
    "cells, dtype, words",
    [
        ([699.1, None], "Float64", "the budget of 2027 is empty"),
        ([699.1, float("nan")], "float64", "the budget of 2027 is empty"),
        (["699.1", "lots"], "string", "cannot read 'lots' as the budget of 2027"),
    ],
)
def test_a_budget_cell_that_is_empty_or_not_a_number_is_named(cells, dtype, words):
    budgets = pd.Series(cells, index=[2026, 2027], dtype=dtype)
    with pytest.raises(sf.ValidationError) as info:
        sf.Plan.from_frame(budgets)
    assert "`state_budget.2027`" in str(info.value) and words in str(info.value)
    assert sf.Plan.from_frame(pd.Series([699.1, 760.8], index=[2026, 2027], dtype=dtype if dtype != "string" else None)).years == [2026, 2027]


def test_a_cell_that_is_not_a_number_names_row_project_and_field():
    frame = sf.demo.portfolio().to_frame().astype({"cost": str})
    frame.loc["P-0003", "cost"] = "33,1"
    with pytest.raises(sf.ValidationError) as info:
        sf.Portfolio.from_frame(frame)
    message = str(info.value)
    assert ":3:" in message and "project P-0003" in message and "`cost`" in message and "`33,1`" in message
    assert "decimals take a dot (`33.1`)" in message  # a Vietnamese decimal comma gets the fix


# 10**12 projects aborted the interpreter (a failed allocation) before the memory check.
@pytest.mark.parametrize("argument, value", [("projects", 0), ("projects", 10**12), ("years", 0), ("coverage", float("nan"))])
def test_demo_generate_refuses_arguments_that_give_no_usable_inputs(argument, value):
    with pytest.raises(sf.StratfundError, match=rf"^{argument}"):
        sf.demo.generate(**{argument: value})


def test_files_round_trip(tmp_path):
    portfolio, plan = sf.demo.generate(projects=30, seed=3)
    for name in ["p.json", "p.csv"]:
        portfolio.to_path(tmp_path / name)
        assert sf.Portfolio.from_path(tmp_path / name) == portfolio
    for name in ["plan.json", "plan.toml"]:
        plan.to_path(tmp_path / name)
        assert sf.Plan.from_path(tmp_path / name) == plan


def test_validation_reports_every_problem_with_id_and_field():
    portfolio = sf.Portfolio(
        {
            "projects": [
                {"id": "A", "group": "biotech", "class": "market", "cost": -1, "impact": 1},
                {"id": "B", "group": "alchemy", "class": "market", "cost": 5, "impact": 1, "requires": ["Z"]},
            ]
        }
    )
    plan = sf.Plan({"years": [2026], "state_budget": {"2026": 100}, "carry_over": 2})
    report = sf.validate(portfolio, plan)
    assert not report.ok
    found = {(p["project"], p["field"], p["rule"]) for p in report.problems}
    assert ("A", "cost", "cost_not_positive") in found
    assert ("B", "group", "unknown_group") in found
    assert ("B", "requires", "unknown_requirement") in found
    assert (None, "carry_over", "share_out_of_range") in found
    with pytest.raises(sf.ValidationError) as info:
        report.raise_for_problems()
    assert isinstance(info.value, ValueError) and isinstance(info.value, sf.StratfundError)
    assert len(info.value.problems) == 4
    assert "project A, field `cost`" in str(info.value)


def test_validation_lists_what_it_cannot_read_in_both_inputs(tmp_path):
    frame = pd.DataFrame(
        {"id": ["A", "B"], "group": ["biotech"] * 2, "class": ["market", "strategc"], "cost": ["ten", 5], "impact": [1, 1]}
    )
    plan = tmp_path / "plan.toml"
    plan.write_text('yeras = [2026]\n[state_budget]\n2026 = 100.0\n', encoding="utf-8")
    report = sf.validate(frame, plan)
    assert not report.ok and report.ineligible == []
    found = [(p["project"], p["field"], p["rule"], p["line"]) for p in report.problems]
    assert found == [("A", "cost", "wrong_type", 1), ("B", "class", "invalid_value", 2), (None, "yeras", "unknown_field", 1)]
    with pytest.raises(sf.ValidationError) as info:
        report.raise_for_problems()
    assert "\n  - <DataFrame>:1: project A, field `cost`: cannot read `ten` as a number [rule wrong_type]" in str(info.value)
    assert str(info.value).endswith("plan.toml:1:1: field `yeras`: " + report.problems[2]["message"] + " [rule unknown_field]")
    with pytest.raises(FileNotFoundError):
        sf.validate(frame, tmp_path / "nope.toml")


def test_ineligible_projects_are_listed_with_rule():
    report = sf.validate(sf.demo.portfolio(), sf.demo.plan())
    frame = report.ineligible_frame()
    assert "enterprise_commitment_below_share" in set(frame["rule"])
    assert frame.index.name == "id"


def test_unknown_field_and_wrong_type_raise_validation_error_naming_them():
    with pytest.raises(sf.ValidationError) as info:
        sf.Portfolio({"projects": [{"id": "A", "group": "biotech", "class": "market", "cost": 1, "impact": 1, "colour": 3}]})
    assert "colour" in str(info.value) and "project A" in str(info.value)
    assert info.value.problems[0]["project"] == "A"
    with pytest.raises(sf.ValidationError, match="carry_over"):
        sf.Plan({"years": [2026], "state_budget": {"2026": 1}, "carry_over": "lots"})


def test_portfolio_takes_its_projects_as_a_list_or_a_frame_and_other_types_say_what_to_give():
    portfolio = sf.demo.generate(projects=12, seed=3)[0]
    assert sf.Portfolio(portfolio.projects).projects == portfolio.projects
    assert sf.Portfolio(portfolio.to_frame()).projects == portfolio.projects
    with pytest.raises(TypeError, match="Plan: expected a FORMATS.md dict; got list"):
        sf.Plan([2026, 2027])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Portfolio: expected a FORMATS.md dict; got int"):
        sf.Portfolio(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Portfolio: expected a FORMATS.md dict; got list"):
        sf.Portfolio([1, 2])  # type: ignore[list-item]


def test_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.json"):
        sf.Portfolio.from_path(tmp_path / "nope.json")


def test_objects_pickle():
    portfolio, plan = sf.demo.generate(projects=10)
    assert pickle.loads(pickle.dumps(portfolio)) == portfolio
    assert pickle.loads(pickle.dumps(plan)) == plan


def test_plan_replace_merges_policy():
    plan = sf.demo.plan().replace(policy={"strategic_min_enterprise_share": 0.3})
    d = plan.to_dict()["policy"]
    assert d == {"market_min_enterprise_share": 0.5, "strategic_min_enterprise_share": 0.3}


def test_plan_from_a_budget_frame_and_its_properties():
    budgets = pd.DataFrame({"state_budget": [500.0, 600.0, 700.0]}, index=[2026, 2027, 2028])
    plan = sf.Plan.from_frame(budgets, carry_over=0.5, group_bounds={"biotech": {"max_share": 0.2}})
    assert plan.years == [2026, 2027, 2028] and plan.total_budget == 1800.0
    assert plan.to_dict()["group_bounds"] == {"biotech": {"max_share": 0.2}}
    assert "Plan(years=[2026, 2027, 2028]" in repr(plan)
    with pytest.raises(sf.ValidationError, match="colour"):
        sf.Plan.from_frame(budgets, colour="red")
    # Nothing of the table is dropped or guessed: other columns, labels that are not years, a
    # missing column and budgets given twice are refused, each naming its field and rule.
    refused = [
        (lambda: sf.Plan.from_frame(budgets.assign(notes="x")), "notes", "unknown_field"),
        (lambda: sf.Plan.from_frame(budgets.rename(columns={"state_budget": "budget"})), "state_budget", "missing_field"),
        (lambda: sf.Plan.from_frame(pd.Series([1.0], index=[2026.5])), "state_budget", "invalid_value"),
        (lambda: sf.Plan.from_frame(pd.Series([1.0], index=["next year"])), "state_budget", "invalid_value"),
        (lambda: sf.Plan.from_frame(budgets, state_budget={"2026": 1.0}), "state_budget", "duplicate_field"),
    ]
    for make, field, rule in refused:
        with pytest.raises(sf.ValidationError) as info:
            make()
        assert [(p["field"], p["rule"]) for p in info.value.problems] == [(field, rule)], str(info.value)
    # A table as a spreadsheet holds it (a year column, a budget column) is told how to become one.
    sheet = pd.DataFrame({"year": [2026, 2027], "budget": [500.0, 600.0]})
    for table, fix in [
        (sheet, 'try `frame.set_index("year").rename(columns={"budget": "state_budget"})`'),
        (sheet.rename(columns={"budget": "state_budget"}), 'try `frame.set_index("year")`'),
    ]:
        with pytest.raises(sf.ValidationError, match=re.escape(fix)):
            sf.Plan.from_frame(table)
    fixed = sheet.set_index("year").rename(columns={"budget": "state_budget"})
    assert sf.Plan.from_frame(fixed).total_budget == 1100.0
    assert sf.Plan.from_frame(pd.Series([1.0, 2.0], index=["2026", 2027.0])).years == [2026, 2027]
    yearly = pd.Series([1.0, 2.0], index=pd.date_range("2026-01-01", periods=2, freq="YE"))  # resample("YE")
    assert sf.Plan.from_frame(yearly).years == [2026, 2027]
    assert sf.Plan.from_frame(pd.Series([1.0], index=pd.period_range("2028", periods=1, freq="Y"))).years == [2028]
    with pytest.raises(sf.ValidationError, match="`True` is not a year"):
        sf.Plan.from_frame(pd.Series([1.0], index=[True]))
    monthly = pd.Series([1.0, 2.0], index=pd.date_range("2026-01-31", periods=2, freq="ME"))
    with pytest.raises(sf.ValidationError, match="year 2026 appears twice"):
        sf.Plan.from_frame(monthly)  # not summed, not overwritten: refused


def test_problems_frame_lists_every_problem():
    portfolio = sf.Portfolio({"projects": [{"id": "A", "group": "alchemy", "class": "market", "cost": -1, "impact": 1}]})
    frame = sf.validate(portfolio, sf.Plan({"years": [2026], "state_budget": {"2026": 1}})).problems_frame()
    assert set(frame["rule"]) == {"unknown_group", "cost_not_positive"}
    assert set(frame.columns) >= {"project", "field", "rule", "message"}
    assert "Portfolio(1 projects" in repr(portfolio)


def test_inputs_and_validation_reports_show_as_tables_in_notebooks():
    portfolio, plan = sf.demo.portfolio(), sf.demo.plan()
    page = portfolio._repr_html_()
    market = sum(p["class"] == "market" for p in portfolio.projects)
    assert f"{len(portfolio)} projects ({market} market, {len(portfolio) - market} strategic)" in page
    frame = portfolio.to_frame()
    biotech = frame[frame.group == "biotech"]
    row = f"<tr><td>biotech</td><td>{len(biotech)}</td><td>{int((biotech['class'] == 'market').sum())}</td>"
    assert row in page, page
    page = plan._repr_html_()
    assert f"years {plan.years[0]}-{plan.years[-1]}" in page
    assert "<td>policy.market_min_enterprise_share</td><td>0.5</td>" in page
    assert "<td>2026</td><td>699.1</td>" in page and "total state budget 4,112.5 billion VND" in page
    report = sf.validate(portfolio, plan)
    page = report._repr_html_()
    assert "inputs are valid" in page and f"{len(report.ineligible)} ineligible projects" in page
    counts = report.ineligible_frame()["rule"].value_counts()
    assert f"<td>{counts.index[0]}</td><td>{counts.iloc[0]}</td>" in page
    bad = sf.validate([{"id": "A<b>", "group": "biotech", "class": "market", "cost": "ten", "impact": 1}], plan)
    page = bad._repr_html_()
    assert "<b>1 problem</b>" in page and "A&lt;b&gt;" in page and "<td>wrong_type</td>" in page
    assert "<td>&lt;portfolio&gt;</td>" in page  # dicts have no line
    assert repr(bad) == f"ValidationReport(1 problem, {len(bad.ineligible)} ineligible)"
    with pytest.raises(sf.ValidationError, match="^1 validation problem:\n  - "):
        sf.solve(portfolio, plan.replace(carry_over=3.0))


def test_a_report_and_an_error_give_the_same_problems_frame():
    frame = pd.DataFrame({"id": ["A"], "group": ["biotech"], "class": ["market"], "cost": ["ten"], "impact": [1]})
    report = sf.validate(frame, sf.demo.plan())
    with pytest.raises(sf.ValidationError) as info:
        sf.solve(frame, sf.demo.plan())
    assert report.problems_frame().equals(info.value.problems_frame())
    assert list(report.problems_frame().columns) == ["project", "field", "rule", "message", "file", "line", "column"]
    assert list(sf.validate(sf.demo.portfolio(), sf.demo.plan()).problems_frame().columns) == [
        "project",
        "field",
        "rule",
        "message",
    ]


def test_columns_of_several_levels_say_how_to_flatten_them():
    row = {"id": ["A"], "group": ["biotech"], "class": ["market"], "cost": [1.0], "impact": [1.0]}
    nested = pd.concat({"round_1": pd.DataFrame(row)}, axis=1)  # columns ('round_1', 'id'), ...
    with pytest.raises(sf.ValidationError, match=r"2 levels of names .*\('round_1', 'id'\).*droplevel\(0, axis=1\)") as info:
        sf.Portfolio(nested)
    assert [(p["field"], p["rule"]) for p in info.value.problems] == [("columns", "wrong_type")]
    assert sf.Portfolio(nested.droplevel(0, axis=1)) == sf.Portfolio(pd.DataFrame(row))
    portfolio, plan = sf.demo.generate(projects=20, seed=4)
    allocation = sf.solve(portfolio, plan)
    flat = sf.demo.progress(allocation)
    with pytest.raises(sf.ValidationError, match="2 levels of names"):
        sf.monitor(portfolio, plan, allocation, pd.concat({"q1": flat}, axis=1))
    flattened = pd.concat({"q1": flat}, axis=1).droplevel(0, axis=1)
    pd.testing.assert_frame_equal(sf.monitor(portfolio, plan, allocation, flattened).kpis, sf.monitor(portfolio, plan, allocation, flat).kpis)


def test_a_named_index_beside_an_id_column_is_read_not_dropped():
    row = {"id": ["A"], "group": ["biotech"], "class": ["market"], "cost": [1.0], "impact": [1.0]}
    with pytest.raises(sf.ValidationError, match="unknown column `code`") as info:
        sf.Portfolio(pd.DataFrame(row, index=pd.Index(["x"], name="code")))
    assert info.value.problems[0]["rule"] == "unknown_field"
    region = sf.Portfolio(pd.DataFrame(row, index=pd.Index(["North"], name="region")))
    assert region.projects[0]["region"] == "North" and region.projects[0]["id"] == "A"
    assert sf.Portfolio(pd.DataFrame(row)).projects[0]["id"] == "A"  # pandas' row numbers are not data
    with pytest.raises(sf.ValidationError, match=r"given twice.*differ at row 1 \(index `B`, column `A`\)") as info:
        sf.Portfolio(pd.DataFrame(row, index=pd.Index(["B"], name="id")))
    assert info.value.problems[0]["rule"] == "duplicate_field"
    # set_index("id", drop=False) leaves the same ids in both: one portfolio, as from the column.
    kept = pd.DataFrame(row).set_index("id", drop=False)
    assert sf.Portfolio(kept) == sf.Portfolio(pd.DataFrame(row))
    both = pd.DataFrame({**row, "region": ["North"]}).set_index(["id", "region"], drop=False)
    assert sf.Portfolio(both).projects[0]["region"] == "North"
    both.loc[:, "region"] = "South"
    with pytest.raises(sf.ValidationError, match=r"`region` is given twice.*\(index `North`, column `South`\)") as info:
        sf.Portfolio(both)
    assert (info.value.problems[0]["field"], info.value.problems[0]["rule"]) == ("region", "duplicate_field")
    no_ids = pd.DataFrame({key: value for key, value in row.items() if key != "id"})
    for frame in (no_ids, no_ids.set_axis([7])):
        with pytest.raises(sf.ValidationError, match="row index holds pandas' row numbers, not ids") as info:
            sf.Portfolio(frame)
        assert info.value.problems[0]["rule"] == "missing_field"
    assert sf.Portfolio(no_ids.set_axis(pd.Index([7], name="code"))).projects[0]["id"] == "7"
    del row["id"]
    levels = pd.MultiIndex.from_tuples([("A", "North")], names=["id", "region"])
    assert sf.Portfolio(pd.DataFrame(row, index=levels)).projects[0]["region"] == "North"
    for names in (["code", "region"], ["id", None]):
        with pytest.raises(sf.ValidationError, match="row index") as info:
            sf.Portfolio(pd.DataFrame(row, index=pd.MultiIndex.from_tuples([("A", "North")], names=names)))
        assert info.value.problems[0]["rule"] == "missing_field"


def test_a_catalog_is_a_dict_or_a_file_path(tmp_path):
    from stratfund.catalog import catalog_dict

    mine = catalog_dict()
    mine["id"] = "mine"
    mine["groups"].append({"code": "quantum_sensing", "name_en": "Quantum sensing", "name_vi": "Cảm biến lượng tử",
                           "status": "confirmed", "products_complete": False, "products": []})
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(mine), encoding="utf-8")
    portfolio = {"projects": [{"id": "Q-1", "group": "quantum_sensing", "class": "strategic", "cost": 10.0,
                               "enterprise_commitment": 2.0, "impact": 5.0}]}
    plan = {"years": [2026], "state_budget": {"2026": 20.0}}
    with pytest.raises(sf.ValidationError, match="quantum_sensing"):
        sf.solve(portfolio, plan)
    by_dict, by_path, by_str = (sf.solve(portfolio, plan, catalog=c) for c in (mine, path, str(path)))
    assert by_path.projects.loc["Q-1", "funded"] and by_dict.to_dict() | {"solve_seconds": 0} == by_path.to_dict() | {
        "solve_seconds": 0} == by_str.to_dict() | {"solve_seconds": 0}
    assert sf.validate(portfolio, plan, catalog=path).ok
    assert "Cảm biến lượng tử" in by_path.to_markdown(lang="vi", catalog=path)
    with pytest.raises(FileNotFoundError, match="nowhere.json"):
        sf.solve(portfolio, plan, catalog=tmp_path / "nowhere.json")
    path.write_text('{"id": "mine", "groups": 3}', encoding="utf-8")
    with pytest.raises(sf.ValidationError, match=r"catalog\.json.*field `groups`"):
        sf.solve(portfolio, plan, catalog=path)
    # validate reports an unreadable catalog file with the inputs' unreadable cells, as the CLI does.
    bad = {"projects": [dict(portfolio["projects"][0], cost="ten")]}
    report = sf.validate(bad, plan, catalog=path)
    assert [(p["field"], p["rule"]) for p in report.problems] == [("cost", "wrong_type"), ("groups", "wrong_type")]
    assert report.problems[1]["file"].endswith("catalog.json") and not report.ineligible
    with pytest.raises(FileNotFoundError):
        sf.validate(portfolio, plan, catalog=tmp_path / "nowhere.json")


def test_a_least_state_objective_that_asks_for_nothing_is_a_note_and_a_warning():
    portfolio, plan = sf.demo.generate(projects=30, seed=1)
    nothing = plan.replace(objective="min_state_spend")
    report = sf.validate(portfolio, nothing)
    assert report.ok and [(n["field"], n["rule"]) for n in report.notes] == [("objective", "no_target")]
    with pytest.warns(sf.InputWarning, match=r"min_state_spend.*asks for nothing"):
        allocation = sf.solve(portfolio, nothing)
    assert allocation.status == "optimal" and allocation.totals["funded"] > 0, "the demo plan's group minimum"
    assert "group, region and priority minimums require" in report.notes[0]["message"]
    free = plan.replace(objective="min_state_spend", group_bounds={}, region_bounds={})
    with pytest.warns(sf.InputWarning, match="no project is funded"):
        assert sf.solve(portfolio, free).totals["funded"] == 0, "no mandatory project, no minimum"
    target = plan.replace(objective={"kind": "min_state_spend", "min_value": 10.0})
    assert sf.validate(portfolio, target).notes == []
    # A negative target is an error, not a target that is missing.
    negative = sf.validate(portfolio, plan.replace(objective={"kind": "min_state_spend", "min_value": -3.0}))
    assert [(p["field"], p["rule"]) for p in negative.problems] == [("objective.min_value", "negative_amount")]
    assert negative.notes == []


def test_a_bound_no_project_is_in_is_a_note_and_a_warning():
    import warnings

    portfolio, plan = sf.demo.generate(projects=30, seed=1)
    typo = plan.replace(region_bounds={"Ha Noi": {"min_share": 0.01}, "Hanoi": {"max_share": 0.5}})
    report = sf.validate(portfolio, typo)
    assert report.ok, "allowed by the contract: not a problem"
    assert [(n["field"], n["rule"]) for n in report.notes] == [("region_bounds.Ha Noi", "no_projects")]
    assert "did you mean `Hanoi`?" in report.notes[0]["message"]
    assert "its minimum cannot be met" in report.notes[0]["message"]
    assert "note on" in report._repr_html_()
    with pytest.warns(sf.InputWarning, match=r"field `region_bounds.Ha Noi`: .*did you mean `Hanoi`\?") as caught:
        allocation = sf.solve(portfolio, typo)
    assert allocation.status == "infeasible", "the minimum of a region without projects cannot be met"
    assert caught[0].filename == __file__, "the warning points at the caller"
    with pytest.warns(sf.InputWarning):
        sf.frontier(portfolio, typo, [1.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sf.solve(portfolio, plan)  # the demo plan's bounds all hold projects: no warning
        assert sf.validate(portfolio, plan).notes == []


def test_a_priority_bound_without_priority_projects_is_a_note_and_a_warning_under_the_catalog_in_use():
    import warnings

    portfolio = sf.Portfolio([{"id": "A", "group": "biotech", "class": "market", "cost": 10, "impact": 5,
                               "enterprise_commitment": 6, "product": "vaccines"}])
    plan = sf.Plan({"years": [2026], "state_budget": {"2026": 100}, "priority_bounds": {"min": 2}})
    report = sf.validate(portfolio, plan)
    assert [(n["field"], n["rule"]) for n in report.notes] == [("priority_bounds", "no_projects")]
    with pytest.warns(sf.InputWarning, match=r"field `priority_bounds`: .*the plan is infeasible") as caught:
        assert sf.solve(portfolio, plan).status == "infeasible"
    assert caught[0].filename == __file__, "the warning points at the caller"
    # A ministry's catalog that flags the product: no note, and the floor is met.
    from stratfund.catalog import catalog_dict

    catalog = catalog_dict()
    biotech = next(g for g in catalog["groups"] if g["code"] == "biotech")
    biotech["products"].append({"code": "vaccines", "name_en": "Vaccines", "name_vi": "Vắc xin",
                                "status": "proposed", "priority": True})
    assert sf.validate(portfolio, plan, catalog=catalog).notes == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        allocation = sf.solve(portfolio, plan, catalog=catalog)
    assert allocation.status == "optimal" and allocation.projects.loc["A", "state"] >= 2 - 1e-9


def _pilot(**changes):
    """A strategic project of 100: research 40, technology completion 30, pilot materials 30."""
    row = {"id": "PILOT", "group": "robotics_automation", "class": "strategic", "cost": 100.0, "impact": 10.0,
           "enterprise_commitment": 20.0, "academia_contribution": 20.0,
           "cost_categories": {"research": 40.0, "technology_completion": 30.0, "pilot_materials": 30.0}}
    return {**row, **changes}


PROGRAMME_CAPS = {"research": 1.0, "technology_completion": 0.5, "pilot_materials": 0.3}


def test_cost_categories_in_a_frame_are_capped_by_the_plan_and_round_trip():
    plain = {"id": "PLAIN", "group": "biotech", "class": "market", "cost": 10.0, "impact": 1.0,
             "enterprise_commitment": 6.0, "cost_categories": None}
    portfolio = sf.Portfolio.from_frame(pd.DataFrame([_pilot(), plain]))
    # A floor of 64 on the group: the caps allow 40 + 0.5 x 30 + 0.3 x 30 = 64 of state money.
    plan = sf.Plan({"years": [2026], "state_budget": {"2026": 500},
                    "group_bounds": {"robotics_automation": {"min": 64}},
                    "policy": {"state_share_caps": PROGRAMME_CAPS}})
    with pytest.warns(sf.InputWarning, match=r"1 of 2 projects gives no cost_categories.*`PLAIN`"):
        allocation = sf.solve(portfolio, plan)
    assert allocation.status == "optimal"
    assert allocation.projects.loc["PILOT", "state"] == pytest.approx(64.0)
    tighter = plan.replace(policy={"state_share_caps": {**PROGRAMME_CAPS, "pilot_materials": 0.2}})
    with pytest.warns(sf.InputWarning):
        assert sf.solve(portfolio, tighter).status == "infeasible"  # 61 < 64
    frame = portfolio.to_frame()
    assert frame.loc["PILOT", "cost_categories"] == _pilot()["cost_categories"]
    assert frame.loc["PLAIN", "cost_categories"] is None
    assert sf.Portfolio.from_frame(frame) == portfolio
    # Text cells as the CSV writes them, and as pandas writes a dict column to CSV, read alike.
    for text in ["research:40;technology_completion:30;pilot_materials:30",
                 "{'research': 40.0, 'technology_completion': 30.0, 'pilot_materials': 30.0}"]:
        assert sf.Portfolio.from_frame(pd.DataFrame([_pilot(cost_categories=text)])) == sf.Portfolio([_pilot()])


def test_bad_cost_categories_are_named_with_project_field_and_rule():
    with pytest.raises(sf.ValidationError, match=r"project PILOT, field `cost_categories`: the amount of `research`: cannot read `forty`"):
        sf.Portfolio.from_frame(pd.DataFrame([_pilot(cost_categories={"research": "forty"})]))
    plan = sf.Plan({"years": [2026], "state_budget": {"2026": 500}, "policy": {"state_share_caps": PROGRAMME_CAPS}})
    short = _pilot(cost_categories={"research": 40.0, "pilot_material": 60.0})
    report = sf.validate(sf.Portfolio([short]), plan)
    assert [(p["project"], p["field"], p["rule"]) for p in report.problems] == [
        ("PILOT", "cost_categories.pilot_material", "uncapped_category")]
    assert "did you mean `pilot_materials`?" in report.problems[0]["message"]


def test_two_keys_written_alike_are_an_error_not_a_value_dropped():
    with pytest.raises(sf.ValidationError, match=r"field `state_budget`: `2026` appears twice") as info:
        sf.Plan({"years": [2026], "state_budget": {2026: 100.0, "2026": 200.0}})
    assert info.value.problems[0]["rule"] == "duplicate_field"
    caps = pd.Series({"research": 1.0, "pilot_materials": 0.3})
    plan = sf.Plan({"years": [2026], "state_budget": {"2026": 100.0}, "policy": {"state_share_caps": caps}})
    assert plan.to_dict()["policy"]["state_share_caps"] == {"research": 1.0, "pilot_materials": 0.3}


def test_a_scenario_raises_one_cost_category_cap():
    plan = sf.Plan({"years": [2026], "state_budget": {"2026": 500}, "policy": {"state_share_caps": PROGRAMME_CAPS}})
    pilot = _pilot(academia_contribution=10.0)  # the state must cover 70; the caps allow 64
    comparison = sf.compare([pilot], plan, [{"name": "pilot_at_half", "policy": {"state_share_caps": {"pilot_materials": 0.5}}}])
    assert comparison.allocations["baseline"].ineligible.loc["PILOT", "rule"] == "financing_below_cost"
    raised = comparison.allocations["pilot_at_half"]
    assert raised.projects.loc["PILOT", "state"] == pytest.approx(70.0)


def test_a_column_given_twice_is_named_in_every_table():
    row = ["A", "biotech", "market", 10.0, 1.0, 6.0, 99.0]
    frame = pd.DataFrame([row], columns=["id", "group", "class", "cost", "impact", "enterprise_commitment", "cost"])
    with pytest.raises(sf.ValidationError, match=r"field `cost`: column `cost` appears twice") as info:
        sf.Portfolio.from_frame(frame)
    assert info.value.problems[0]["rule"] == "duplicate_field"
    years = pd.DataFrame([["A", "biotech", "market", 10.0, 1.0, 6.0, 2026, 4.0, 6.0]],
                         columns=["id", "group", "class", "cost", "impact", "enterprise_commitment", "start_year",
                                  "cost_2026", "cost_02026"])
    with pytest.raises(sf.ValidationError, match=r"column `cost_02026` gives the amounts of 2026, as column `cost_2026` does"):
        sf.Portfolio.from_frame(years)
    budgets = pd.DataFrame([[100.0, 200.0]], columns=["state_budget", "state_budget"], index=[2026])
    with pytest.raises(sf.ValidationError, match="column `state_budget` appears twice"):
        sf.Plan.from_frame(budgets)
    portfolio = sf.Portfolio([{"id": "A", "group": "biotech", "class": "market", "cost": 10.0, "impact": 1.0,
                               "enterprise_commitment": 6.0}])
    plan = sf.Plan({"years": [2026], "state_budget": {"2026": 100.0}})
    allocation = sf.solve(portfolio, plan)
    progress = pd.DataFrame([["A", "2026", 3.0, "on_track", 5.0]],
                            columns=["project_id", "period", "disbursed", "status", "disbursed"])
    with pytest.raises(sf.ValidationError, match="column `disbursed` appears twice"):
        sf.monitor(portfolio, plan, allocation, progress)


def test_a_label_given_twice_in_a_series_or_table_of_a_plan_is_named():
    bounds = pd.DataFrame({"max_share": [0.2, 0.3]}, index=["biotech", "biotech"])
    with pytest.raises(sf.ValidationError, match=r"field `group_bounds`: `biotech` appears twice in the index") as info:
        sf.Plan({"years": [2026], "state_budget": {"2026": 100.0}, "group_bounds": bounds})
    assert info.value.problems[0]["rule"] == "duplicate_field"
    weights = pd.Series([1.5, 0.5], index=["biotech", "biotech"])
    with pytest.raises(sf.ValidationError, match=r"field `group_weights`: `biotech` appears twice"):
        sf.Plan({"years": [2026], "state_budget": {"2026": 100.0}, "group_weights": weights})
