"""Every entry point takes its inputs in the forms an analyst has at hand (objects, DataFrames,
dicts, lists of project dicts, file paths), names the argument when it cannot, and an allocation
writes itself to any format the command line writes."""

import csv
import json

import pytest

import stratfund as sf
from stratfund.catalog import catalog_dict

PROJECTS = [
    {"id": "A", "group": "ai_twin_xr", "class": "market", "cost": 100, "enterprise_commitment": 60, "impact": 50},
    {"id": "B", "group": "semiconductors", "class": "strategic", "cost": 80, "enterprise_commitment": 20,
     "impact": 40, "success_probability": 0.5, "min_fraction": 0.5},
    {"id": "C", "group": "blockchain", "class": "market", "cost": 30, "enterprise_commitment": 15, "impact": 10},
]
PLAN = {"years": [2026], "state_budget": {"2026": 60}, "min_grant": 2}


@pytest.fixture(scope="module")
def reference():
    return sf.solve(sf.Portfolio({"projects": PROJECTS}), sf.Plan(PLAN))


def portfolio_forms(tmp_path):
    portfolio = sf.Portfolio({"projects": PROJECTS})
    portfolio.to_path(tmp_path / "p.json")
    portfolio.to_path(tmp_path / "p.csv")
    return {
        "object": portfolio,
        "dict": {"projects": PROJECTS},
        "list of dicts": PROJECTS,
        "DataFrame": portfolio.to_frame(),
        "json path": tmp_path / "p.json",
        "csv path as str": str(tmp_path / "p.csv"),
    }


def plan_forms(tmp_path):
    plan = sf.Plan(PLAN)
    plan.to_path(tmp_path / "plan.toml")
    return {"object": plan, "dict": PLAN, "toml path": tmp_path / "plan.toml"}


def test_solve_takes_every_form_of_portfolio_and_plan(tmp_path, reference):
    for name, portfolio in portfolio_forms(tmp_path).items():
        for plan_name, plan in plan_forms(tmp_path).items():
            a = sf.solve(portfolio, plan)
            got = a.projects[["funded", "scale", "state"]]
            assert got.equals(reference.projects[["funded", "scale", "state"]]), (name, plan_name)
            assert a.objective == reference.objective


def test_studies_validation_and_simulation_take_the_same_forms(tmp_path, reference):
    path = tmp_path / "a.json"
    path.write_text(reference.to_json())
    frame = sf.Portfolio({"projects": PROJECTS}).to_frame()
    assert sf.validate(PROJECTS, PLAN).ok
    assert list(sf.frontier(frame, PLAN, [0.5, 1.0]).points.index) == [0.5, 1.0]
    assert list(sf.compare(PROJECTS, PLAN, [{"name": "cut", "budget_scale": 0.5}]).kpis.index) == ["baseline", "cut"]
    assert len(sf.policy_sweep(PROJECTS, PLAN, strategic=[0.2, 0.3])) == 2
    from_objects = sf.evaluate(sf.Portfolio({"projects": PROJECTS}), reference, scenarios=300, seed=4)
    from_files = sf.evaluate(frame, path, scenarios=300, seed=4)
    from_dict = sf.evaluate(PROJECTS, reference.to_dict(), scenarios=300, seed=4)
    assert from_files.summary == from_objects.summary == from_dict.summary
    r = sf.robustness(PROJECTS, PLAN, scenarios=3, seed=2)
    assert r.funded.shape == (3, 3)
    assert sf.scenario_draws(PROJECTS, PLAN, 1, seed=2).equals(r.scenario_draws(frame, PLAN, 1))
    progress = sf.demo.progress(reference)
    assert sf.monitor(PROJECTS, PLAN, path, progress).as_of == "2026"


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: sf.solve(42, PLAN), "portfolio"),
        (lambda: sf.solve(PROJECTS, [2026]), "plan"),
        (lambda: sf.validate(PROJECTS, 3.5), "plan"),
        (lambda: sf.frontier(None, PLAN, [1.0]), "portfolio"),
        (lambda: sf.evaluate(PROJECTS, 7), "allocation"),
        (lambda: sf.robustness(PROJECTS, None, scenarios=1), "plan"),
    ],
)
def test_a_wrong_input_type_names_the_argument_and_what_it_takes(call, argument):
    with pytest.raises(TypeError) as error:
        call()
    assert str(error.value).startswith(f"{argument}: expected a stratfund.")


@pytest.mark.parametrize("plan", [PLAN, sf.Plan(PLAN)], ids=["dict", "object"])
def test_swapped_portfolio_and_plan_say_which_comes_first(plan):
    for call in (lambda: sf.solve(plan, PROJECTS), lambda: sf.solve(plan, {"projects": PROJECTS})):
        with pytest.raises(TypeError, match="portfolio: got a plan .*pass the portfolio first"):
            call()
    with pytest.raises(TypeError, match="plan: got a portfolio"):
        sf.solve(PROJECTS, sf.Portfolio({"projects": PROJECTS}))


def test_swapped_file_paths_say_so(tmp_path):
    portfolio, plan = tmp_path / "proposals.csv", tmp_path / "plan.toml"
    sf.Portfolio({"projects": PROJECTS}).to_path(portfolio)
    sf.Plan(PLAN).to_path(plan)
    for given in ((plan, portfolio), (str(plan), str(portfolio))):
        with pytest.raises(sf.ValidationError, match=f"{plan} holds a plan and {portfolio} a portfolio: .*wrong way round"):
            sf.solve(*given)
    with pytest.raises(sf.ValidationError, match="cannot read or write a portfolio from a `.toml` file"):
        sf.solve(plan, plan)


def test_plan_dicts_take_ranges_and_numpy_values(reference):
    import numpy as np

    plan = {"years": range(2026, 2027), "state_budget": {np.int64(2026): np.float64(60)}, "min_grant": np.array(2)}
    assert sf.solve(PROJECTS, plan).objective == pytest.approx(reference.objective)
    assert sf.Plan({**plan, "years": np.array([2026])}).years == [2026]


def test_records_of_a_dataframe_read_as_the_dataframe(reference):
    frame = sf.Portfolio({"projects": PROJECTS}).to_frame()
    records = frame.reset_index().to_dict("records")  # empty cells are NaN, as pandas leaves them
    assert any(isinstance(v, float) and v != v for r in records for v in r.values())
    a = sf.solve(records, PLAN)
    assert a.projects[["funded", "scale", "state"]].equals(reference.projects[["funded", "scale", "state"]])
    assert sf.Portfolio(records) == sf.Portfolio(frame)


def test_a_frame_of_nullable_dtypes_reads_as_the_frame(reference):
    projects = [{**PROJECTS[0], "exclusive_group": "solo", "trl": 4}, *PROJECTS[1:]]
    frame = sf.Portfolio({"projects": projects}).to_frame()
    nullable = frame.convert_dtypes()  # string, Int64, Float64, boolean: empty cells are pd.NA
    assert str(nullable["exclusive_group"].dtype) == "string" and nullable["exclusive_group"].isna().sum() == 2
    assert str(nullable["trl"].dtype) == "Int64" and nullable["trl"].isna().sum() == 2
    assert sf.Portfolio(nullable) == sf.Portfolio(frame)
    a = sf.solve(nullable, PLAN)
    assert a.projects[["funded", "scale", "state"]].equals(reference.projects[["funded", "scale", "state"]])


@pytest.mark.parametrize(
    "portfolio, plan, project, field",
    [
        ([{**PROJECTS[0], "impact": float("inf")}, *PROJECTS[1:]], PLAN, "A", "impact"),
        ([PROJECTS[0], {**PROJECTS[1], "cost_profile": [0.5, float("nan")]}], PLAN, "B", "cost_profile[1]"),
        (PROJECTS, {**PLAN, "carry_over": float("nan")}, None, "carry_over"),
        (PROJECTS, {**PLAN, "state_budget": {"2026": float("-inf")}}, None, "state_budget.2026"),
    ],
)
def test_a_number_that_is_not_finite_is_named(portfolio, plan, project, field):
    with pytest.raises(sf.ValidationError, match="must be a finite number") as info:
        sf.solve(portfolio, plan)
    assert info.value.problems == [
        {"project": project, "field": field, "rule": "not_finite", "message": info.value.problems[0]["message"]}
    ]
    assert f"field `{field}`" in str(info.value)


def test_scenarios_and_settings_take_numpy_numbers_and_refuse_nan(reference):
    import numpy as np

    scenario = {"name": "cut", "budget_scale": np.float32(0.5), "budget_scale_by_year": {np.int64(2026): 0.9}}
    assert list(sf.compare(PROJECTS, PLAN, [scenario]).kpis.index) == ["baseline", "cut"]
    e = sf.evaluate(PROJECTS, reference, scenarios=20, seed=1, impact_sigma=np.float32(0.25))
    assert e.settings["impact_sigma"] == 0.25
    with pytest.raises(sf.ValidationError, match="field `scenarios\\[0\\].budget_scale`: .* is NaN"):
        sf.compare(PROJECTS, PLAN, [{"name": "cut", "budget_scale": float("nan")}])
    with pytest.raises(sf.ValidationError, match="field `impact_sigma`: impact_sigma is inf"):
        sf.evaluate(PROJECTS, reference, scenarios=20, impact_sigma=float("inf"))


def test_maps_take_series_and_bounds_tables_and_id_lists_take_sets():
    import numpy as np
    import pandas as pd

    plain = {**PLAN, "group_weights": {"blockchain": 2.0}, "group_bounds": {"semiconductors": {"min_share": 0.5}}}
    labelled = {
        **PLAN,
        "state_budget": pd.Series([60.0], index=np.array([2026])),
        "group_weights": pd.Series({"blockchain": 2.0}),
        "group_bounds": pd.DataFrame({"min_share": [0.5, None], "max": [None, 99.0]}, index=["semiconductors", "x"]),
    }
    assert sf.Plan(labelled).to_dict()["group_bounds"] == {"semiconductors": {"min_share": 0.5}, "x": {"max": 99.0}}
    labelled["group_bounds"] = labelled["group_bounds"].drop(index="x")
    assert sf.Plan(labelled) == sf.Plan(plain)
    as_lists = {"name": "s", "exclude": ["A", "C"], "budget_scale_by_year": {"2026": 0.9}, "group_weights": {"blockchain": 3.0}}
    as_pandas = {
        "name": "s",
        "exclude": {"C", "A"},
        "budget_scale_by_year": pd.Series({2026: 0.9}),
        "group_weights": pd.Series({"blockchain": 3.0}),
    }
    forced = [{"name": "f", "exclude": ["A"]}, {"name": "f", "exclude": pd.Index(["A"])}]
    for a, b in [(as_lists, as_pandas), tuple(forced)]:
        kpis = [sf.compare(PROJECTS, PLAN, [s]).kpis.drop(columns="solve_seconds") for s in (a, b)]
        assert kpis[0].equals(kpis[1]) and not kpis[0].iloc[0].equals(kpis[0].iloc[1])


def test_a_list_given_for_a_table_is_refused():
    with pytest.raises(sf.ValidationError, match="field `solver`: invalid type: sequence, expected a table"):
        sf.solve(PROJECTS, {**PLAN, "solver": [1, 2]})


def test_a_required_field_left_empty_in_records_is_named():
    with pytest.raises(sf.ValidationError, match="project B, field `cost`: missing field `cost`"):
        sf.solve([PROJECTS[0], {**PROJECTS[1], "cost": float("nan")}], PLAN)


def test_a_list_that_is_not_of_project_dicts_is_refused():
    with pytest.raises(TypeError, match="portfolio: expected"):
        sf.solve(["A", "B"], PLAN)


def test_an_objective_is_a_dict_or_the_name_of_its_kind(reference):
    plan = sf.Plan(PLAN)
    assert sf.solve(PROJECTS, plan.replace(objective="max_value")).objective == pytest.approx(reference.objective)
    spend = sf.solve(PROJECTS, plan.replace(objective={"kind": "min_state_spend", "min_value": 50}))
    assert spend.totals["expected_value"] >= 50 - 1e-6
    assert plan.replace(objective="min_state_spend").to_dict()["objective"] == {"kind": "min_state_spend"}
    with pytest.raises(sf.StratfundError, match="min_state_spend"):
        plan.replace(objective={"kind": "max_value", "min_value": 50})


def test_allocation_to_path_writes_what_the_extension_names(tmp_path, reference):
    reference.to_path(tmp_path / "a.json")
    assert sf.Allocation.from_path(tmp_path / "a.json") == reference
    reference.to_path(tmp_path / "a.csv")
    with open(tmp_path / "a.csv", newline="") as f:
        rows = {row["id"]: row for row in csv.DictReader(f)}
    assert set(rows) == {"A", "B", "C"}
    for project_id, row in rows.items():
        assert (row["funded"] == "true") == bool(reference.projects.loc[project_id, "funded"])
        assert float(row["state"]) == pytest.approx(reference.projects.loc[project_id, "state"])
    reference.to_path(tmp_path / "a.md", lang="vi")
    assert (tmp_path / "a.md").read_text(encoding="utf-8").startswith("# Phân bổ kinh phí")
    reference.to_path(tmp_path / "a.html")
    assert (tmp_path / "a.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match="unknown allocation file extension '.xlsx'"):
        reference.to_path(tmp_path / "a.xlsx")


def test_to_path_notes_a_language_or_catalog_its_format_does_not_use(tmp_path, reference, recwarn):
    f = sf.frontier(PROJECTS, PLAN, [0.5, 1.0])
    for result, name in [(reference, "a.json"), (reference, "a.csv"), (f, "f.json")]:
        with pytest.warns(sf.InputWarning, match=r"lang change only Markdown and HTML reports"):
            result.to_path(tmp_path / name, lang="vi")
        with pytest.warns(sf.InputWarning, match=r"catalog change only Markdown and HTML reports"):
            result.to_path(tmp_path / name, catalog=catalog_dict())
        # An unknown language is an error whatever the file, as for a report.
        with pytest.raises(sf.ValidationError, match="unknown report language `fr`: use one of en, vi"):
            result.to_path(tmp_path / name, lang="fr")
    recwarn.clear()
    reference.to_path(tmp_path / "a.md", lang="vi")
    reference.to_path(tmp_path / "a.json")
    f.to_path(tmp_path / "f.html", lang="vi")
    assert not [w for w in recwarn if issubclass(w.category, sf.InputWarning)]


def test_study_results_write_themselves_by_extension(tmp_path):
    f = sf.frontier(PROJECTS, PLAN, [0.5, 1.0])
    f.to_path(tmp_path / "f.md", lang="vi")
    assert (tmp_path / "f.md").read_text(encoding="utf-8").startswith("# Đường biên ngân sách")
    f.to_path(tmp_path / "f.json")
    assert json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))["schema"] == "stratfund.frontier/1"
    r = sf.robustness(PROJECTS, PLAN, scenarios=3, seed=2)
    r.to_path(tmp_path / "r.html")
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match="unknown report file extension '.txt'"):
        r.to_path(tmp_path / "r.txt")


def test_a_file_given_in_the_wrong_place_is_named_by_its_schema(tmp_path):
    portfolio = tmp_path / "portfolio.json"
    portfolio.write_text(json.dumps({"schema": "stratfund.portfolio/1", "projects": PROJECTS}), encoding="utf-8")
    with pytest.raises(sf.ValidationError, match="is a `stratfund.portfolio/1` document, not `stratfund.plan/1`"):
        sf.solve(portfolio, portfolio)


def test_every_bad_cell_of_a_table_is_named_at_once(tmp_path):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(PROJECTS).astype({"cost": object, "min_fraction": object})
    frame.loc[0, "class"] = "markett"  # read as text, refused as a funding class
    frame.loc[1, "min_fraction"] = "half"  # not a number
    frame.loc[2, "cost"] = "ten"
    expected = [(1, "A", "class"), (2, "B", "min_fraction"), (3, "C", "cost")]
    rules = ["invalid_value", "wrong_type", "wrong_type"]
    with pytest.raises(sf.ValidationError, match="3 problems reading <DataFrame>") as info:
        sf.solve(frame, PLAN)
    assert [(p["line"], p["project"], p["field"]) for p in info.value.problems] == expected
    assert [p["rule"] for p in info.value.problems] == rules
    frame.to_csv(tmp_path / "p.csv", index=False)
    with pytest.raises(sf.ValidationError, match="3 problems reading") as info:
        sf.solve(tmp_path / "p.csv", PLAN)
    # The file has a header line, so its rows are one line further down.
    assert [(p["line"], p["project"], p["field"]) for p in info.value.problems] == [
        (line + 1, project, field) for line, project, field in expected
    ]
    assert [p["rule"] for p in info.value.problems] == rules


def test_every_bad_project_of_records_or_json_is_named_at_once(tmp_path):
    records = [dict(PROJECTS[0], **{"class": "markett"}), PROJECTS[1], dict(PROJECTS[2], cost="ten")]
    with pytest.raises(sf.ValidationError, match="2 problems reading") as info:
        sf.solve(records, PLAN)
    assert [(p["project"], p["field"], p["rule"]) for p in info.value.problems] == [
        ("A", "class", "invalid_value"),
        ("C", "cost", "wrong_type"),
    ]
    # dicts have no lines: no position in the JSON Python generated from them is shown
    assert [(p["line"], p["column"]) for p in info.value.problems] == [(None, None)] * 2
    assert "<portfolio>: project A, field `class`" in str(info.value)
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"projects": records}, indent=1))
    with pytest.raises(sf.ValidationError, match="2 problems reading") as info:
        sf.solve(path, PLAN)
    assert [(p["project"], p["field"]) for p in info.value.problems] == [("A", "class"), ("C", "cost")]
    assert all(p["line"] > 1 for p in info.value.problems)


def test_errors_in_plan_scenario_and_progress_dicts_name_no_generated_position(tmp_path):
    with pytest.raises(sf.ValidationError) as info:
        sf.Plan(dict(PLAN, budgetz=1))
    assert str(info.value).startswith("<plan>: field `budgetz`: unknown field")
    assert [(p["field"], p["rule"]) for p in info.value.problems] == [("budgetz", "unknown_field")]
    with pytest.raises(sf.ValidationError) as info:
        sf.compare(PROJECTS, PLAN, [{"name": "cut", "budget_scalez": 0.8}])
    assert str(info.value).startswith("<scenarios>: ")
    row = {"project_id": "A", "period": "2026-Q2", "disbursed": "much", "status": "late"}
    with pytest.raises(sf.ValidationError) as info:
        sf.write_progress([row], tmp_path / "progress.csv")
    assert str(info.value).startswith("<progress>: project A (row 1), field `disbursed`")
    for problem in info.value.problems:
        assert (problem["line"], problem["column"]) == (None, None)


def test_a_file_separated_by_semicolons_says_how_to_read_it(tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "p.csv"
    pd.DataFrame(PROJECTS).to_csv(path, sep=";", index=False)
    with pytest.raises(sf.ValidationError, match="separates its columns with `;`") as info:
        sf.solve(path, PLAN)
    assert [p["rule"] for p in info.value.problems] == ["wrong_separator"]
    with pytest.raises(sf.ValidationError, match=r"pd.read_csv\(path, sep=';'\)") as info:
        sf.solve(pd.read_csv(path), PLAN)
    assert [p["rule"] for p in info.value.problems] == ["wrong_separator"], "the columns it hides are not missing"


def test_rows_with_every_cell_empty_are_skipped(tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "p.csv"
    pd.DataFrame(PROJECTS).to_csv(path, index=False)
    columns = len(pd.DataFrame(PROJECTS).columns)
    with open(path, "a") as f:  # what a spreadsheet exports below its table
        f.write("," * (columns - 1) + "\n" + "," * (columns - 1) + "\n")
    frame = pd.read_csv(path)
    assert len(frame) == 5
    expected = [p["id"] for p in PROJECTS]
    assert sf.Portfolio.from_frame(frame).to_frame().index.tolist() == expected
    assert sf.Portfolio.from_path(path).to_frame().index.tolist() == expected


def test_a_file_in_another_encoding_says_how_to_save_it(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes("id,group,class,cost,impact\nA,Công ty,market,10,1\n".encode("cp1258"))
    with pytest.raises(sf.ValidationError, match=r"p.csv:2: the file is in another encoding .*save it as UTF-8"):
        sf.solve(path, PLAN)


def test_studies_name_what_they_cannot_read_in_both_inputs_at_once(tmp_path):
    records = [dict(PROJECTS[0], cost="ten"), *PROJECTS[1:]]
    bad_plan = dict(PLAN, budgetz=1)
    for call in (lambda: sf.solve(records, bad_plan), lambda: sf.frontier(records, bad_plan, [1.0])):
        with pytest.raises(sf.ValidationError) as info:
            call()
        assert [(p["project"], p["field"], p["rule"]) for p in info.value.problems] == [
            ("A", "cost", "wrong_type"),
            (None, "budgetz", "unknown_field"),
        ]
        assert str(info.value).startswith("2 problems reading the inputs:\n  - <portfolio>: project A, field `cost`")
    # One unreadable input raises its own error, as the core words it.
    with pytest.raises(sf.ValidationError, match="^<plan>: field `budgetz`"):
        sf.solve(PROJECTS, bad_plan)
    # A plan that is no plan file at all is named before the portfolio's cells, as on the command line.
    with pytest.raises(sf.ValidationError, match="plan.xlsx") as info:
        sf.solve(records, tmp_path / "plan.xlsx")
    assert info.value.problems == []
    with pytest.raises(FileNotFoundError):
        sf.validate(records, tmp_path / "nope.toml")


def test_two_unreadable_files_are_named_in_one_error(tmp_path):
    portfolio, plan = tmp_path / "proposals.csv", tmp_path / "plan.toml"
    portfolio.write_text("id,group,class,cost,impact\nA,biotech,market,ten,1\n", encoding="utf-8")
    plan.write_text("yeras = [2026]\n[state_budget]\n2026 = 100.0\n", encoding="utf-8")
    for call in (lambda: sf.solve(portfolio, plan), lambda: sf.frontier(str(portfolio), str(plan), [1.0])):
        with pytest.raises(sf.ValidationError) as info:
            call()
        assert str(info.value).startswith(f"2 problems reading {portfolio} and {plan}:\n  - {portfolio}:2: project A")
        assert [(p["file"], p["field"], p["rule"]) for p in info.value.problems] == [
            (str(portfolio), "cost", "wrong_type"),
            (str(plan), "yeras", "unknown_field"),
        ]


def test_a_problem_reads_in_python_as_the_core_writes_it(tmp_path):
    from stratfund.exceptions import _problem_text

    path = tmp_path / "p.csv"
    path.write_text("id,group,class,cost,impact\nA,biotech,market,ten,1\n", encoding="utf-8")
    cases = [
        lambda: sf.Portfolio.from_path(path),  # file, line, project and field
        lambda: sf.Plan(dict(PLAN, budgetz=1)),  # field only
        lambda: sf.Portfolio.from_path(tmp_path / "q.json"),  # file, line and column, no field
    ]
    (tmp_path / "q.json").write_text('{"projects": [', encoding="utf-8")
    for case in cases:
        with pytest.raises(sf.ValidationError) as info:
            case()
        [problem] = info.value.problems
        assert _problem_text(problem) == str(info.value)
    report = sf.validate([dict(PROJECTS[0], cost=-1)], PLAN)
    with pytest.raises(sf.ValidationError) as info:
        sf.solve([dict(PROJECTS[0], cost=-1)], PLAN)
    assert str(info.value).endswith(_problem_text(report.problems[0]))


def test_a_validation_error_gives_its_problems_as_a_frame(tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "p.csv"
    path.write_text("id,group,class,cost,impact\nA,biotech,market,ten,1\nB,biotech,strategc,5,1\n", encoding="utf-8")
    with pytest.raises(sf.ValidationError) as info:
        sf.solve(path, PLAN)
    frame = info.value.problems_frame()
    assert list(frame.columns[:4]) == ["project", "field", "rule", "message"]
    assert {"file", "line", "column"} <= set(frame.columns)
    assert frame[["project", "field", "rule", "line"]].values.tolist() == [
        ["A", "cost", "wrong_type", 2],
        ["B", "class", "invalid_value", 3],
    ]
    with pytest.raises(sf.ValidationError) as info:
        sf.solve([dict(PROJECTS[0], cost=-1)], PLAN)
    assert info.value.problems_frame().loc[0, "rule"] == "cost_not_positive"
    with pytest.raises(sf.ValidationError) as info:
        sf.Portfolio.from_path(tmp_path / "p.xlsx")
    assert info.value.problems_frame().empty and isinstance(info.value.problems_frame(), pd.DataFrame)


def test_decimals_and_fractions_read_as_numbers_and_other_objects_are_named(reference):
    import decimal
    import fractions

    import pandas as pd

    projects = [{**PROJECTS[0], "cost": decimal.Decimal("100")}, {**PROJECTS[1], "impact": fractions.Fraction(40)}, PROJECTS[2]]
    plan = {**PLAN, "state_budget": {"2026": decimal.Decimal("60")}}
    assert sf.Portfolio(projects) == sf.Portfolio(PROJECTS) and sf.Plan(plan) == sf.Plan(PLAN)
    assert sf.solve(projects, plan).objective == pytest.approx(reference.objective)
    with pytest.raises(sf.ValidationError, match="field `years\\[0\\]`: invalid type: string \"2026-01-01 00:00:00\""):
        sf.Plan({**PLAN, "years": [pd.Timestamp("2026-01-01")]})


def test_an_unknown_column_says_which_column_it_probably_meant():
    frame = sf.Portfolio({"projects": PROJECTS}).to_frame().rename(columns={"impact": "Impact", "cost": "cost "})
    with pytest.raises(sf.ValidationError) as info:
        sf.solve(frame, PLAN)
    fields = {p["field"]: p["message"] for p in info.value.problems}
    assert "did you mean `impact`?" in fields["Impact"] and "did you mean `cost`?" in fields["cost "]
    progress = [{"project_id": "A", "period": "2026", "status": "late", "disbursd": 1.0}]
    with pytest.raises(sf.ValidationError, match="unknown column `disbursd`; did you mean `disbursed`?"):
        sf.monitor(PROJECTS, PLAN, sf.solve(PROJECTS, PLAN), progress)
