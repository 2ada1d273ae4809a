"""Solving from Python: the Allocation object, its DataFrames, errors, pickling, GIL release."""

import json
import pickle
import threading
import time

import numpy as np
import pytest

import stratfund as sf
import stratfund.allocation as stratfund_allocation


@pytest.fixture(scope="module")
def demo_allocation():
    return sf.solve(sf.demo.portfolio(), sf.demo.plan())


def test_solve_demo_summary_and_attributes(demo_allocation):
    a = demo_allocation
    assert a.status == "optimal" and a.gap is not None and a.gap <= 1e-4
    assert a.objective > 0 and a.bound >= a.objective
    text = str(a.summary())
    assert text.startswith("status optimal") and "TOTAL" in text
    assert "<table" in a._repr_html_() and "<table" in a.summary()._repr_html_()
    assert "stratfund allocation" in a._repr_html_()
    # Tables by group, by region (the demo's projects name regions) and by year.
    assert a._repr_html_().count("<table") == 3 and "<th>region</th>" in a._repr_html_()
    assert text.count("\nregion ") == 1 and "\nvùng " in str(a.summary(lang="vi"))
    vi = a.summary(lang="vi")
    assert str(vi).startswith("trạng thái tối ưu") and "TỔNG" in str(vi) and "<pre>" in vi._repr_html_()
    assert len(str(vi).splitlines()) == len(text.splitlines())
    with pytest.raises(sf.ValidationError, match="unknown report language `fr`"):
        a.summary(lang="fr")


def test_projects_frame_is_indexed_by_id_and_complete(demo_allocation):
    frame = demo_allocation.projects
    assert frame.index.name == "id" and len(frame) == 300
    assert list(frame.columns) == ["funded", "scale", "state", "enterprise", "academia", "expected_value", "reason"]
    unfunded = frame[~frame["funded"]]
    assert unfunded["reason"].notna().all()
    funded = frame[frame["funded"]]
    assert funded["reason"].isna().all()
    assert (funded["enterprise"] + funded["academia"] + funded["state"] > 0).all()


def test_tables_add_up(demo_allocation):
    a = demo_allocation
    by_group = a.by_group()
    assert by_group["state"].sum() == pytest.approx(a.totals["state"])
    assert by_group["funded"].sum() == a.totals["funded"]
    by_year = a.by_year()
    assert list(by_year.index) == [2026, 2027, 2028, 2029, 2030]
    assert (by_year["state"] <= by_year["available"] + 1e-6).all()
    assert a.state_by_year().sum().sum() == pytest.approx(a.totals["state"])
    table = a.state_by_year()
    assert list(table.index) == list(a.projects.index) and list(table.columns) == [2026, 2027, 2028, 2029, 2030]
    for record in a.to_dict()["projects"]:
        expected = {int(year): amount for year, amount in record["state_by_year"].items()}
        assert {y: v for y, v in table.loc[record["id"]].items() if v != 0.0} == {y: v for y, v in expected.items() if v != 0.0}
    assert a.by_house()["enterprise"] == pytest.approx(a.totals["enterprise"])
    frame = a.to_frame()
    assert frame.equals(a.projects) and frame["state"].sum() == pytest.approx(a.totals["state"])
    assert set(a.by_region().index) >= {"Hanoi", "Ho Chi Minh City", "Da Nang"}


def test_shadow_prices_and_ineligible(demo_allocation):
    prices = demo_allocation.shadow_prices
    assert "budget_2026" in prices.index and prices.name.endswith("(LP relaxation)")
    ineligible = demo_allocation.ineligible
    assert ineligible.index.name == "id" and "rule" in ineligible.columns
    assert demo_allocation.explanation is None


def test_json_round_trip_and_pickle(demo_allocation, tmp_path):
    text = demo_allocation.to_json()
    again = sf.Allocation.from_json(text)
    assert again == demo_allocation and json.loads(text) == demo_allocation.to_dict()
    assert again.to_json() == text and sf.Allocation(demo_allocation.to_dict()).to_json() == text
    with pytest.raises(sf.ValidationError, match="colour"):
        sf.Allocation(dict(demo_allocation.to_dict(), colour="red")).to_json()
    path = tmp_path / "a.json"
    path.write_text(demo_allocation.to_json())
    assert sf.Allocation.from_path(path) == demo_allocation
    demo_allocation.to_path(tmp_path / "a.csv")
    with pytest.raises(sf.ValidationError, match=r"a\.csv: an allocation is read from its JSON file.*allocation\.to_path"):
        sf.Allocation.from_path(tmp_path / "a.csv")
    for table in ("a.csv", "a.md"):
        with pytest.raises(sf.ValidationError, match=r"is read from its JSON file, not from a `\.(csv|md)` table or report"):
            sf.monitor(sf.demo.portfolio(), sf.demo.plan(), tmp_path / table, [])
    assert pickle.loads(pickle.dumps(demo_allocation)) == demo_allocation
    assert "# Funding allocation" in demo_allocation.to_markdown()
    with pytest.raises(sf.ValidationError):
        sf.Allocation.from_json(json.dumps({"status": "optimal"}))


def test_an_allocation_file_that_cannot_be_read_is_named(demo_allocation, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(demo_allocation.to_json().replace('"reason"', '"raeson"', 1), encoding="utf-8")
    with pytest.raises(sf.ValidationError, match=f"^{path}:[0-9]+:[0-9]+: project P-[0-9]+, field `raeson`") as info:
        sf.Allocation.from_path(path)
    assert [(p["file"], p["rule"]) for p in info.value.problems] == [(str(path), "unknown_field")]
    path.write_bytes(demo_allocation.to_json().encode("utf-16"))
    with pytest.raises(sf.ValidationError, match="UTF-16 text .*save it as UTF-8"):
        sf.Allocation.from_path(path)
    with pytest.raises(FileNotFoundError, match="nope.json"):
        sf.Allocation.from_path(tmp_path / "nope.json")


def test_an_allocation_written_after_the_formats_example_reads_with_defaults(shared_test_data):
    text = (shared_test_data / "formats_md_allocation.json").read_text()  # also read by tests/formats.rs
    a = sf.Allocation.from_json(text)
    data = a.to_dict()
    assert (data["objective_kind"], data["relaxed"], data["currency_unit"]) == ("max_value", False, "billion VND")
    assert a.by_group().loc["semiconductors", "expected_value"] == 0.0 and a.by_region().empty
    # No region, but the columns (and their types) are there, as in `by_group`.
    assert a.by_region().dtypes.to_dict() == a.by_group().dtypes.to_dict()
    assert a.by_region()["state"].sum() == 0.0
    assert list(a.projects.index) == ["P-001", "P-002"] and a.state_by_year().loc["P-001"].sum() == 45.0
    portfolio = sf.Portfolio([
        {"id": "P-001", "group": "ai_twin_xr", "class": "market", "cost": 120.0, "start_year": 2026,
         "duration_years": 3, "enterprise_commitment": 70.0, "academia_contribution": 5.0,
         "state_request": 60.0, "impact": 80.0},
        {"id": "P-002", "group": "semiconductors", "class": "strategic", "cost": 50.0, "impact": 10.0},
    ])
    evaluation = sf.evaluate(portfolio, a, scenarios=50)
    assert evaluation.summary["value_mean"] == 80.0  # P-001 is certain to succeed
    with pytest.raises(sf.ValidationError, match="totals"):
        sf.Allocation.from_json(json.dumps({k: v for k, v in json.loads(text).items() if k != "totals"}))


def test_every_copy_of_an_allocation_gives_the_core_the_same_allocation(demo_allocation):
    """The solved allocation hands the core the text it came from; a pickled copy, one read from
    JSON and one built from its dict re-encode it: all four evaluate alike."""
    portfolio = sf.demo.portfolio()
    copies = [
        demo_allocation,
        pickle.loads(pickle.dumps(demo_allocation)),
        sf.Allocation.from_json(demo_allocation.to_json()),
        sf.Allocation(demo_allocation.to_dict()),
    ]
    summaries = [sf.evaluate(portfolio, a, scenarios=200, seed=3).summary for a in copies]
    assert all(s == summaries[0] for s in summaries)
    assert json.loads(copies[1]._to_core()) == json.loads(demo_allocation._to_core())


def test_reports_in_vietnamese_and_as_html_pages(demo_allocation):
    vi = demo_allocation.to_markdown(lang="vi")
    assert vi.startswith("# Phân bổ kinh phí") and "## Theo nhóm công nghệ" in vi
    unfunded = demo_allocation.projects[~demo_allocation.projects["funded"]]
    budget = (unfunded["reason"] == "budget").sum()
    assert f"| ngân sách nhà nước đã dành cho các dự án có giá trị cao hơn | budget | {budget} |" in vi
    page = demo_allocation.to_html(lang="vi")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page
    assert page.count("<figure><svg") == 1 and "Kinh phí theo nhóm công nghệ" in page  # money by group and house
    assert page.count("<tr><td>P-") == len(demo_allocation.projects)
    from stratfund.catalog import catalog_dict

    catalog = catalog_dict()
    catalog["groups"][0]["name_vi"] = "Nhóm đổi tên"
    renamed = demo_allocation.to_markdown(lang="vi", catalog=catalog)
    assert "Nhóm đổi tên" in renamed
    with pytest.raises(sf.ValidationError, match="use one of en, vi"):
        demo_allocation.to_markdown(lang="fr")


def test_infeasible_is_a_status_with_explanation():
    portfolio = sf.Portfolio(
        {"projects": [{"id": "M", "group": "biotech", "class": "market", "cost": 100, "impact": 1,
                       "enterprise_commitment": 60, "mandatory": True}]}
    )
    plan = sf.Plan({"years": [2026], "state_budget": {"2026": 10}})
    a = sf.solve(portfolio, plan)
    assert a.status == "infeasible"
    expl = a.explanation
    assert list(expl["constraint"]) == ["budget_2026"] and expl["amount"].iloc[0] == pytest.approx(30)
    assert "raise it by 30" in expl["message"].iloc[0]
    assert "infeasible" in a._repr_html_()
    with pytest.raises(sf.InfeasibleError, match="budget_2026: the rules need 40") as info:
        sf.solve(portfolio, plan, raise_on_infeasible=True)
    assert info.value.allocation.status == "infeasible"


def test_money_in_vnd_gives_the_allocation_in_billions_scaled():
    portfolio, plan = sf.demo.generate(projects=60, seed=3)
    frame = portfolio.to_frame()
    money = ["cost", "enterprise_commitment", "academia_contribution", "state_request"]
    in_vnd = frame.assign(**{c: frame[c] * 1e9 for c in money}, cost_profile=None)
    assert frame["cost_profile"].isna().all(), "the demo spreads costs evenly"
    settings = plan.to_dict()
    settings.update(
        state_budget={y: b * 1e9 for y, b in settings["state_budget"].items()},
        min_grant=settings["min_grant"] * 1e9,
    )
    base, vnd = sf.solve(portfolio, plan), sf.solve(in_vnd, settings)
    assert vnd.status == base.status == "optimal"
    assert vnd.objective == pytest.approx(base.objective, rel=2e-4)
    assert vnd.totals["state"] == pytest.approx(base.totals["state"] * 1e9, rel=1e-3)
    budgets = vnd.by_year()["budget"]
    assert list(budgets) == pytest.approx(list(base.by_year()["budget"] * 1e9), rel=1e-12)


def test_invalid_inputs_raise_validation_error_with_every_problem():
    portfolio = sf.Portfolio(
        {"projects": [{"id": "A", "group": "biotech", "class": "market", "cost": 0, "impact": -1}]}
    )
    with pytest.raises(sf.ValidationError) as info:
        sf.solve(portfolio, sf.Plan({"years": [2026], "state_budget": {"2026": 10}}))
    rules = {(p["project"], p["field"], p["rule"]) for p in info.value.problems}
    assert rules == {("A", "cost", "cost_not_positive"), ("A", "impact", "negative_amount")}


def test_keyword_options_override_the_plan():
    portfolio, plan = sf.demo.generate(projects=50, seed=4)
    relaxed = sf.solve(portfolio, plan, relaxed=True)
    exact = sf.solve(portfolio, plan, mip_rel_gap=1e-7, threads=1)
    assert relaxed.to_dict()["relaxed"] is True
    assert relaxed.objective >= exact.objective - 1e-6
    # Every view of the relaxation says that it is not an allocation to carry out.
    assert repr(relaxed).endswith(", relaxed=True)") and "relaxed" not in repr(exact)
    assert "<b>LP relaxation: any project may be funded in part" in relaxed._repr_html_()
    assert f"- **{stratfund_allocation._RELAXED_NOTE}**" in relaxed.to_markdown(), "the reports' words"
    assert "LP relaxation" not in exact._repr_html_()
    for lang, note in (("en", "LP relaxation: any project"), ("vi", "(LP): mọi dự án")):
        assert note in str(relaxed.summary(lang=lang)).splitlines()[1]
        line = relaxed.to_markdown(lang=lang).splitlines()[3]
        assert line.startswith("- **") and note in line
        assert note not in str(exact.summary(lang=lang)) and note not in exact.to_markdown(lang=lang)
    with pytest.raises(sf.ValidationError, match="mip_rel_gap"):
        sf.solve(portfolio, plan, mip_rel_gap=2.0)
    with pytest.raises(sf.ValidationError, match="threads is 100000; it must be at most 1024"):
        sf.solve(portfolio, plan, threads=100_000)


@pytest.mark.parametrize(
    "keywords, message",
    [
        ({"time_limit": "5"}, r"time_limit: expected a number; got str '5'"),
        ({"mip_rel_gap": [1e-4]}, r"mip_rel_gap: expected a number; got list"),
        ({"threads": 2.5}, r"threads: expected a whole number; got float 2.5"),
        ({"relaxed": "yes"}, r"relaxed: expected True or False; got str 'yes'"),
        ({"relaxed": 1}, r"relaxed: expected True or False; got int 1"),
        ({"raise_on_infeasible": "no"}, r"raise_on_infeasible: expected True or False; got str 'no'"),
    ],
)
def test_keyword_options_of_the_wrong_type_name_the_keyword(keywords, message):
    portfolio, plan = sf.demo.generate(projects=10, seed=4)
    with pytest.raises(TypeError, match=message):
        sf.solve(portfolio, plan, **keywords)


def test_keyword_options_take_numpy_and_decimal_numbers():
    import decimal

    portfolio, plan = sf.demo.generate(projects=30, seed=4)
    given = sf.solve(portfolio, plan, time_limit=decimal.Decimal("30"), threads=np.int64(1), relaxed=np.bool_(False))
    assert given.to_dict()["relaxed"] is False
    assert given.objective == pytest.approx(sf.solve(portfolio, plan, threads=1).objective)


def test_solve_releases_the_gil():
    portfolio, plan = sf.demo.generate(projects=3000, seed=5)
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    start = time.perf_counter()
    sf.solve(portfolio, plan)
    elapsed = time.perf_counter() - start
    stop.set()
    t.join()
    during = [x for x in ticks if start < x < start + elapsed]
    # With the GIL held the ticker could not run at all during the solve.
    assert len(during) > 10, (len(during), elapsed)


def test_ctrl_c_stops_a_long_solve():
    import os
    import signal

    # 50,000 projects at gap 0 take minutes; without a working interrupt the time limit ends it
    # normally and no KeyboardInterrupt is raised.
    portfolio, plan = sf.demo.generate(projects=50_000, seed=1)
    timer = threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        sf.solve(portfolio, plan, mip_rel_gap=0.0, time_limit=60)
    timer.join()
    assert time.perf_counter() - start < 55


def test_a_floor_on_the_priority_products_is_met_and_priced():
    import pandas as pd
    from stratfund.catalog import catalog_dict

    portfolio, plan = sf.demo.generate(projects=80)
    codes = {p["code"] for g in catalog_dict()["groups"] for p in g["products"] if p.get("priority")}
    products = portfolio.to_frame()["product"]
    priority = products[products.isin(codes)].index
    assert len(priority) > 0
    base = sf.solve(portfolio, plan)
    spent = lambda a: float(a.projects.loc[priority, "state"].sum())
    floor = spent(base) * 1.5
    a = sf.solve(portfolio, plan.replace(priority_bounds=pd.Series({"min": floor})))
    assert a.status == "optimal"
    assert spent(a) >= floor - 1e-6 * plan.total_budget
    assert a.objective <= base.objective
    assert a.shadow_prices["priority_min"] < 0
    capped = sf.solve(portfolio, plan.replace(priority_bounds={"max": 0}))
    assert spent(capped) == 0
    assert "priority_bound" in set(capped.projects.loc[priority, "reason"])
