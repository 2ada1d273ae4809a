"""Scenarios, frontier, policy sweep and Monte Carlo from Python: DataFrames and numpy arrays."""

import decimal
import json

import numpy as np
import pytest

import stratfund as sf


@pytest.fixture(scope="module")
def inputs():
    return sf.demo.generate(projects=60, seed=4)


def test_compare_accepts_dicts_and_files(inputs, tmp_path):
    portfolio, plan = inputs
    scenarios = [
        {"name": "cut", "budget_scale": 0.6},
        {"name": "no_first", "exclude": [portfolio.to_frame().index[0]]},
    ]
    c = sf.compare(portfolio, plan, scenarios)
    assert list(c.kpis.index) == ["baseline", "cut", "no_first"]
    assert c.kpis.loc["cut", "budget"] == pytest.approx(0.6 * c.kpis.loc["baseline", "budget"])
    assert c.kpis.loc["cut", "expected_value"] <= c.kpis.loc["baseline", "expected_value"] + 1e-9
    leaving = set(c.changes.query("scenario == 'cut' and change == 'leaving'")["id"])
    funded = c.allocations["baseline"].projects["funded"]
    assert leaving <= set(funded[funded].index)
    assert "<table" in c._repr_html_()
    path = tmp_path / "s.json"
    first = portfolio.to_frame().index[0]
    excluded = c.changes.query("scenario == 'no_first'").set_index("id")
    assert excluded.loc[first, "change"] == "leaving" and excluded.loc[first, "scenario_state"] == 0
    assert excluded.loc[first, "reason"] == c.allocations["no_first"].projects.loc[first, "reason"]
    assert excluded.loc[first, "baseline_state"] == c.allocations["baseline"].projects.loc[first, "state"] > 0
    path.write_text(json.dumps({"schema": "stratfund.scenarios/1", "scenarios": scenarios}))
    from_file = sf.compare(portfolio, plan, path)
    assert from_file.kpis["objective"].tolist() == c.kpis["objective"].tolist()
    toml = tmp_path / "s.toml"
    toml.write_text('[[scenarios]]\nname = "cut"\nbudget_scale = 0.6\n')
    assert sf.compare(portfolio, plan, toml).kpis.loc["cut", "objective"] == c.kpis.loc["cut", "objective"]


def test_scenario_files_are_read_and_checked_by_the_core(tmp_path):
    typo = tmp_path / "typo.toml"
    typo.write_text('[[scenarios]]\nname = "cut"\nbudget_scal = 0.6\n')
    with pytest.raises(sf.ValidationError, match=r"typo\.toml.*budget_scal"):
        sf.read_scenarios(typo)
    other = tmp_path / "s.json"
    other.write_text('{"schema": "stratfund.scenarios/2", "scenarios": []}')
    with pytest.raises(sf.ValidationError, match="is not `stratfund.scenarios/1`"):
        sf.read_scenarios(other)
    yaml = tmp_path / "s.yaml"
    yaml.write_text("scenarios: []\n")
    with pytest.raises(sf.ValidationError, match=r"`\.yaml` file; use \.json or \.toml"):
        sf.read_scenarios(yaml)


def test_demo_scenarios_run_on_the_demo():
    c = sf.compare(sf.demo.portfolio(), sf.demo.plan(), sf.demo.scenarios())
    assert c.kpis.index[0] == "baseline" and len(c.kpis) == 1 + len(sf.demo.scenarios())


def test_bad_scenarios_name_the_field(inputs):
    portfolio, plan = inputs
    with pytest.raises(sf.ValidationError) as err:
        sf.compare(portfolio, plan, [{"name": "bad", "budget_scale": -1, "exclude": ["nope"]}])
    fields = [p["field"] if isinstance(p, dict) else p.field for p in err.value.problems]
    assert fields == ["scenarios[bad].budget_scale", "scenarios[bad].exclude"]
    with pytest.raises(sf.StratfundError, match="budget_scal"):
        sf.compare(portfolio, plan, [{"name": "typo", "budget_scal": 2}])
    with pytest.raises(sf.StratfundError, match="budget_scale_by_year"):
        sf.compare(portfolio, plan, [{"name": "per_year", "budget_scale": {"2027": 0.8}}])


def test_frontier_is_monotone_with_amount_bounds(inputs):
    portfolio, plan = inputs
    amounts = plan.replace(group_bounds={})
    f = sf.frontier(portfolio, amounts, [0.2, 0.6, 1.0, 1.4])
    assert not f.share_bounds and f.notes == []
    values = f.points["objective"].to_numpy()
    assert np.all(np.diff(values) >= -1e-6 * values[1:])
    entered = f.entries["entry_level"].dropna()
    assert set(entered.unique()) <= {0.2, 0.6, 1.0, 1.4}
    alone = sf.solve(portfolio, amounts.replace(state_budget={y: 0.6 * b for y, b in amounts.to_dict()["state_budget"].items()}))
    assert f.points.loc[0.6, "objective"] == pytest.approx(alone.objective, rel=2e-4)
    with_shares = sf.frontier(portfolio, plan, [1.0, 2.0])
    assert with_shares.share_bounds and "shares" in with_shares.notes[0]
    assert f.objective_kind == with_shares.objective_kind == "max_value"


def test_a_least_state_frontier_says_what_its_objective_is(inputs):
    portfolio, plan = inputs
    amounts = plan.replace(group_bounds={})
    target = 0.5 * sf.solve(portfolio, amounts).objective
    least = amounts.replace(objective={"kind": "min_state_spend", "min_value": target})
    f = sf.frontier(portfolio, least, [0.6, 1.0, 1.4])
    assert f.objective_kind == "min_state_spend" and f.notes[0].startswith("under min_state_spend")
    spent = f.points["objective"].to_numpy()
    assert np.all(np.diff(spent) <= 0), spent
    assert np.allclose(spent, f.points["state"], rtol=1e-9)
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    ax = f.plot()
    assert ax.get_ylabel() == "objective (least state money)"


def test_policy_sweep_frame(inputs):
    portfolio, plan = inputs
    sweep = sf.policy_sweep(portfolio, plan, market=[0.5, 0.6], strategic=[0.2, 0.3])
    assert len(sweep) == 4
    assert sweep.loc[(0.6, 0.3), "ineligible"] >= sweep.loc[(0.5, 0.2), "ineligible"]
    assert isinstance(sweep.loc[(0.5, 0.2), "entering"], list)
    assert sweep.loc[(0.5, 0.2), "released"] == []
    baseline = sweep.attrs["baseline"]
    assert (baseline["market_min_enterprise_share"], baseline["strategic_min_enterprise_share"]) == (0.5, 0.2)
    assert baseline["objective"] == sweep.loc[(0.5, 0.2), "objective"], "the plan's own thresholds are a grid point"
    assert sweep.attrs["objective_kind"] == "max_value"
    least = plan.replace(objective={"kind": "min_state_spend", "min_value": 0.5 * baseline["objective"]})
    assert sf.policy_sweep(portfolio, least, strategic=[0.2]).attrs["objective_kind"] == "min_state_spend"
    with pytest.raises(sf.ValidationError):
        sf.policy_sweep(portfolio, plan, market=[1.5])


def test_policy_sweep_releases_a_mandatory_project_the_thresholds_make_ineligible(inputs):
    portfolio, plan = inputs
    frame = portfolio.to_frame()
    funded = sf.solve(portfolio, plan).projects.query("funded").index
    strategic = frame.loc[funded].query("`class` == 'strategic' and not mandatory")
    pid = next(i for i in strategic.index if not strategic.loc[i, "requires"])
    frame.loc[pid, "enterprise_commitment"] = 0.25 * frame.loc[pid, "cost"]
    frame.loc[pid, "state_request"] = frame.loc[pid, "cost"]
    frame.loc[pid, "mandatory"] = True
    sweep = sf.policy_sweep(sf.Portfolio.from_frame(frame), plan, strategic=[0.2, 0.3])
    released = dict(zip(sweep.index.get_level_values(1), sweep["released"]))
    assert released[0.2] == [] and released[0.3] == [pid]


def test_a_scenario_count_beyond_memory_is_an_error_not_an_abort(inputs):
    portfolio, plan = inputs
    a = sf.solve(portfolio, plan)
    for scenarios in (10**13, 2**64 - 1):  # the first aborted the interpreter (a failed allocation)
        with pytest.raises(sf.ValidationError, match=f"{scenarios} scenarios x .* funded projects need") as error:
            sf.evaluate(portfolio, a, scenarios=scenarios)
        assert [(p["field"], p["rule"]) for p in error.value.problems] == [("simulate.scenarios", "out_of_range")]
    # Beyond 64 bits the count cannot reach the core (it raised OverflowError), nor can a range's
    # length be taken (len() overflowed): a ValidationError naming `scenarios` for both studies.
    for scenarios in (2**64, 10**30, range(0, 2**64 + 5), range(2**64, 2**64 + 5)):
        for study in (lambda: sf.evaluate(portfolio, a, scenarios=scenarios),
                      lambda: sf.robustness(portfolio, plan, scenarios=scenarios)):
            with pytest.raises(sf.ValidationError, match="more bytes than a computer can address") as error:
                study()
            assert [(p["field"], p["rule"]) for p in error.value.problems] == [("scenarios", "out_of_range")]


def test_simulation_settings_whose_draws_cannot_be_represented_are_refused(inputs):
    portfolio, plan = inputs
    a = sf.solve(portfolio, plan)
    for settings, field in [({"delivery_alpha": 0.001, "delivery_beta": 0.001}, "delivery_alpha"),
                            ({"cost_overrun_sigma": 1e30}, "cost_overrun_sigma"),
                            ({"impact_sigma": 40.0}, "impact_sigma"),
                            ({"cost_overrun_median": 1e300}, "cost_overrun_median")]:
        for study in (lambda: sf.evaluate(portfolio, a, scenarios=50, **settings),
                      lambda: sf.robustness(portfolio, plan, scenarios=2, **settings)):
            with pytest.raises(sf.ValidationError, match=f"{field} must be in") as error:
                study()
            assert error.value.problems[0]["field"] == f"simulate.{field}"


def test_evaluate_returns_numpy_matrices_reproducibly(inputs):
    portfolio, plan = inputs
    a = sf.solve(portfolio, plan)
    e = sf.evaluate(portfolio, a, scenarios=3000, seed=9, impact_sigma=0.2)
    assert e.value.dtype == np.float64 and e.value.shape == (3000, a.totals["funded"])
    assert e.extra_state.shape == e.value.shape and (e.extra_state >= 0).all()
    again = sf.evaluate(portfolio, a, scenarios=3000, seed=9, impact_sigma=0.2)
    assert np.array_equal(e.value, again.value)
    means = e.by_project()
    assert means["success_rate"].between(0, 1).all()
    assert e.totals()["value"].mean() == pytest.approx(e.summary["value_mean"])
    with pytest.raises(TypeError, match="unknown simulation settings"):
        sf.evaluate(portfolio, a, scenarios=10, sigma=1)
    with pytest.raises(TypeError, match=r"settings: `impact_sigm` \(did you mean `impact_sigma`\?\), `x`; known"):
        sf.evaluate(portfolio, a, scenarios=10, x=1, impact_sigm=0.2)
    for count in (0, -5, range(3, 1)):  # the same error, naming the argument, whatever the wrong count
        with pytest.raises(sf.ValidationError, match="field `scenarios`") as info:
            sf.evaluate(portfolio, a, scenarios=count)
        assert info.value.problems[0]["field"] == "scenarios"
    largest = sf.evaluate(portfolio, a, scenarios=5, seed=np.uint64(2**64 - 1))
    assert largest.settings["seed"] == 2**64 - 1 and largest.value.shape == (5, a.totals["funded"])
    for seed, error in (("x", TypeError), (1.5, TypeError), (-1, sf.ValidationError), (2**64, sf.ValidationError)):
        with pytest.raises(error, match="seed`?: expected an integer from 0 to 2\\*\\*64 - 1"):
            sf.evaluate(portfolio, a, scenarios=5, seed=seed)


def test_evaluate_summary_is_what_numpy_computes_from_the_matrices(inputs):
    portfolio, plan = inputs
    a = sf.solve(portfolio, plan)
    e = sf.evaluate(portfolio, a, scenarios=4001, seed=3, successes_per_group=2, risk_level=0.9)
    value, extra = e.value.sum(axis=1), e.extra_state.sum(axis=1)
    s = e.summary
    assert s["value_mean"] == pytest.approx(value.mean(), rel=1e-12)
    assert s["extra_state_mean"] == pytest.approx(extra.mean(), rel=1e-12)
    levels = {"p05": 0.05, "p50": 0.5, "p95": 0.95}
    for key, q in levels.items():
        assert s["value_quantiles"][key] == pytest.approx(np.quantile(value, q, method="median_unbiased"), rel=1e-12)
        assert s["extra_state_quantiles"][key] == pytest.approx(
            np.quantile(extra, q, method="median_unbiased"), rel=1e-12
        )
    var = np.quantile(extra, 0.9, method="median_unbiased")
    assert s["extra_state_var"] == pytest.approx(var, rel=1e-12)
    assert s["extra_state_es"] == pytest.approx(extra[extra >= s["extra_state_var"]].mean(), rel=1e-12)
    groups = np.array(e.groups)
    for group, probability in s["group_success_probability"].items():
        successes = e.success[:, groups == group].sum(axis=1)
        assert probability == pytest.approx((successes >= 2).mean(), abs=1e-12)
    assert set(s["group_success_probability"]) == set(e.groups)


def test_a_success_counts_even_when_the_project_has_no_impact(inputs):
    portfolio, plan = inputs
    a = sf.solve(portfolio, plan)
    frame = portfolio.to_frame()
    group = frame.loc[a.projects.query("funded").index[0], "group"]
    frame.loc[frame["group"] == group, ["impact", "success_probability"]] = [0.0, 1.0]
    e = sf.evaluate(sf.Portfolio.from_frame(frame), a, scenarios=200, seed=2)
    assert e.success.dtype == np.bool_ and e.success.shape == e.value.shape
    assert e.summary["group_success_probability"][group] == 1.0
    rates = e.by_project()
    assert (rates.loc[rates["group"] == group, "success_rate"] == 1.0).all()
    assert (e.value[~e.success] == 0).all()


def test_robustness_core_index_and_plots(inputs):
    import matplotlib

    matplotlib.use("Agg")
    portfolio, plan = inputs
    r = sf.robustness(portfolio, plan, scenarios=8, seed=3)
    assert r.funded.dtype == np.bool_ and r.funded.shape == (8, 60)
    assert r.core_index.between(0, 1).all()
    assert r.core.loc[r.core["core_index"] >= 0.9, "class"].eq("core").all()
    assert r.core.loc[r.core["core_index"] == 0, "class"].eq("exterior").all()
    assert np.array_equal(r.funded, sf.robustness(portfolio, plan, scenarios=8, seed=3).funded)
    assert r.plot().get_ylabel() == "core index"
    f = sf.frontier(portfolio, plan, [0.5, 1.0])
    assert f.plot().get_xlabel() == "total state budget"


def test_the_draws_of_a_robustness_scenario_are_those_it_re_optimised(inputs):
    portfolio, plan = inputs
    r = sf.robustness(portfolio, plan, scenarios=range(2, 5), seed=3, impact_sigma=0.3)
    before = portfolio.to_frame()
    for k in range(2, 5):
        draws = r.scenario_draws(portfolio, plan, k)
        assert draws.equals(sf.scenario_draws(portfolio, plan, k, seed=3, impact_sigma=0.3))
        assert list(draws.index) == list(before.index)
        assert (draws["impact"] != 1.0).all() and (draws["delivery"] < 1.0).all()
        # The state covers the overrun and the shortfall of the enterprise money (here the whole
        # commitment: the demo's projects need state money beyond enterprise and academia money).
        least_state = (before["cost"] - before["enterprise_commitment"] - before["academia_contribution"]).clip(lower=0)
        enterprise = before["enterprise_commitment"].clip(upper=before["cost"] - least_state)
        extra = before["cost"] * (draws["overrun"] - 1).clip(lower=0) + enterprise * (1 - draws["delivery"])
        assert np.allclose(draws["extra_state"], extra, rtol=1e-12, atol=1e-9)
    # Without the impact setting the impact is not drawn: another scenario.
    assert (sf.scenario_draws(portfolio, plan, 2, seed=3)["impact"] == 1.0).all()
    with pytest.raises(ValueError, match="scenario index"):
        sf.scenario_draws(portfolio, plan, -1)
    with pytest.raises(TypeError, match="unknown simulation settings"):
        sf.scenario_draws(portfolio, plan, 0, sigma=1)


def test_saved_monte_carlo_results_record_their_schema_and_every_setting(inputs, tmp_path):
    portfolio, plan = inputs
    a = sf.solve(portfolio, plan)
    e = sf.evaluate(portfolio, a, scenarios=300, seed=5, impact_sigma=0.1)
    e.to_path(tmp_path / "e.json")
    saved = json.loads((tmp_path / "e.json").read_text())
    assert saved["schema"] == "stratfund.evaluation/1"
    assert saved["settings"]["seed"] == 5 and saved["settings"]["impact_sigma"] == 0.1
    assert saved["settings"]["delivery_alpha"] > 0, "defaults are recorded too"
    assert {k: saved[k] for k in e.summary} == e.summary
    again = sf.evaluate(portfolio, a, scenarios=saved["settings"]["scenarios"], **_without_scenarios(saved["settings"]))
    assert again.summary == e.summary, "the saved settings draw the same scenarios again"
    coarse = plan.replace(solver={"mip_rel_gap": 0.003})
    r = sf.robustness(portfolio, coarse, scenarios=3, seed=5)
    r.to_path(tmp_path / "r.json")
    saved = json.loads((tmp_path / "r.json").read_text())
    assert (saved["schema"], saved["settings"]["seed"], saved["scenarios"]) == ("stratfund.robustness/1", 5, 3)
    assert saved["solver"]["mip_rel_gap"] == 0.003 == r.solver["mip_rel_gap"], "the gap re-optimised with"
    assert [p["id"] for p in saved["projects"]] == list(r.core.index) and saved["infeasible"] == r.failed
    settings = e.to_markdown().split("## Settings")[1]
    assert "| seed | 5 |" in settings and "| impact_sigma | 0.1 |" in settings, settings
    settings = r.to_markdown().split("## Settings")[1]
    assert "| seed | 5 |" in settings and "| mip_rel_gap | 0.003 |" in settings, settings
    assert "| hạt giống ngẫu nhiên (seed) | 5 |" in r.to_markdown(lang="vi")


def test_robustness_chunks_re_optimised_with_other_solver_options_do_not_merge(inputs):
    portfolio, plan = inputs
    parts = [
        sf.robustness(portfolio, plan, scenarios=range(0, 2), seed=1),
        sf.robustness(portfolio, plan.replace(solver={"mip_rel_gap": 0.01}), scenarios=range(2, 3), seed=1),
    ]
    with pytest.raises(ValueError, match="other solver options"):
        sf.Robustness.concat(parts)
    merged = sf.Robustness.concat(parts[:1])
    assert merged.solver == parts[0].solver


def _without_scenarios(settings):
    return {k: v for k, v in settings.items() if k != "scenarios"}


def test_projects_at_the_counterpart_threshold_are_core_when_they_are_clearly_best():
    """Enterprises commit exactly the rule's share; their shortfalls and the overruns are state
    money, so the two best projects are funded in every scenario, the dominated one in none."""
    projects = [
        {"id": "MKT", "group": "ai_twin_xr", "class": "market", "cost": 100, "enterprise_commitment": 50, "impact": 500},
        {"id": "STR", "group": "semiconductors", "class": "strategic", "cost": 100, "enterprise_commitment": 20,
         "impact": 500},
        {"id": "LOW", "group": "biotech", "class": "strategic", "cost": 400, "enterprise_commitment": 80, "impact": 5},
    ]
    r = sf.robustness(projects, {"years": [2026], "state_budget": {"2026": 400}}, scenarios=100, seed=11)
    assert r.core["core_index"].to_dict() == {"MKT": 1.0, "STR": 1.0, "LOW": 0.0}
    assert list(r.core["class"]) == ["core", "core", "exterior"]


def test_monte_carlo_results_render_in_notebooks(inputs):
    portfolio, plan = inputs
    allocation = sf.solve(portfolio, plan)
    e = sf.evaluate(portfolio, allocation, scenarios=200, seed=2, risk_level=0.9)
    page = e._repr_html_()
    assert "200 scenarios (seed 2)" in page and "at 0.9" in page, page
    assert "delivered value" in page and "extra state money" in page and "p95" in page
    assert all(group in page for group in e.summary["group_success_probability"])
    r = sf.robustness(portfolio, plan, scenarios=8, seed=3)
    page = r._repr_html_()
    counts = r.core["class"].value_counts()
    assert f"{counts.get('core', 0)} core" in page
    assert "8 re-optimised scenarios (seed 3, MIP gap 0.0001; 0 without a solution)" in page, page
    borderline = r.core[r.core["class"] == "borderline"]
    shown = borderline[[f"<th>{pid}</th>" in page for pid in borderline.index]]
    hidden = borderline.drop(shown.index)
    assert len(shown) == min(20, len(borderline)) > 0, page
    assert hidden.empty or shown["core_index"].min() >= hidden["core_index"].max()
    assert hidden.empty or f"and {len(hidden)} more borderline projects" in page
    assert not any(f"<th>{pid}</th>" in page for pid in r.core.index[r.core["class"] != "borderline"])


def test_study_reports_in_english_and_vietnamese(inputs):
    portfolio, plan = inputs
    studies = {
        "comparison": sf.compare(portfolio, plan, [{"name": "cut", "budget_scale": 0.5}]),
        "frontier": sf.frontier(portfolio, plan, [0.5, 1.0]),
        "evaluation": sf.evaluate(portfolio, sf.solve(portfolio, plan), scenarios=200, seed=1),
        "robustness": sf.robustness(portfolio, plan, scenarios=3, seed=1),
    }
    titles = {
        "comparison": ("# Scenario comparison", "# So sánh kịch bản"),
        "frontier": ("# Budget frontier", "# Đường biên ngân sách"),
        "evaluation": ("# Monte Carlo evaluation", "# Đánh giá Monte Carlo"),
        "robustness": ("# Robustness", "# Độ vững"),
    }
    for kind, study in studies.items():
        en, vi = study.to_markdown(), study.to_markdown(lang="vi")
        assert en.startswith(titles[kind][0]) and vi.startswith(titles[kind][1]), kind
        table = [line for line in vi.splitlines() if line.startswith("| ")]
        assert table and not any("_" in line for line in table), (kind, vi)
        page = study.to_html(lang="vi")
        assert page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page, kind
        charted = kind in ("comparison", "frontier", "evaluation", "robustness")
        assert page.count("<figure><svg") == charted and "<svg" not in vi, kind
    # The counts of the robustness report are the run's.
    r = studies["robustness"]
    core = int((r.core["class"] == "core").sum())
    assert f"core (index >= 0.9): {core}," in r.to_markdown()
    assert f"scenarios: 3 ({r.failed} without a solution)" in r.to_markdown()
    # Group names of the evaluation come from the catalog given.
    from stratfund.catalog import catalog_dict

    catalog = catalog_dict()
    group = next(iter(studies["evaluation"].summary["group_success_probability"]))
    renamed = next(g for g in catalog["groups"] if g["code"] == group)
    renamed["name_vi"] = "Nhóm đổi tên"
    assert "Nhóm đổi tên" in studies["evaluation"].to_markdown(lang="vi", catalog=catalog)
    with pytest.raises(sf.ValidationError, match="en, vi"):
        studies["frontier"].to_markdown(lang="fr")


def test_plain_arguments_of_the_wrong_kind_are_named(inputs):
    """A string is not a list of its characters, a float is not a count, None is not a list."""
    portfolio, plan = inputs
    allocation = sf.solve(portfolio, plan)
    cases = [
        (lambda: sf.frontier(portfolio, plan, "1.5"), r"levels: expected a sequence of numbers; got str '1.5'"),
        (lambda: sf.frontier(portfolio, plan, [0.5, "1"]), r"levels\[1\]: expected a number; got str '1'"),
        (lambda: sf.frontier(portfolio, plan, [True]), r"levels\[0\]: expected a number; got bool"),
        (lambda: sf.policy_sweep(portfolio, plan, market="05"), r"market: expected a sequence of numbers"),
        (lambda: sf.policy_sweep(portfolio, plan, strategic=0.2), r"strategic: expected a sequence of numbers"),
        (lambda: sf.evaluate(portfolio, allocation, scenarios=100.0), r"scenarios: expected a whole number; got float"),
        (lambda: sf.evaluate(portfolio, allocation, scenarios=10, seed=True), r"seed: expected an integer"),
        (lambda: sf.robustness(portfolio, plan, scenarios="3"), r"scenarios: expected a whole number; got str '3'"),
        (lambda: sf.scenario_draws(portfolio, plan, 1.0), r"scenario: expected a whole number"),
        (lambda: sf.compare(portfolio, plan, None), r"scenarios: expected a list of scenario dicts"),
        (lambda: sf.compare(portfolio, plan, {"name": "cut"}), r"one scenario\? put it in a list"),
        (lambda: sf.distributed.chunk_ranges(10, 2.5), r"chunks: expected a whole number"),
    ]
    for call, message in cases:
        with pytest.raises(TypeError, match=message):
            call()
    # numpy and pandas numbers are numbers; a scenarios document is read as a file holds it.
    frontier = sf.frontier(portfolio, plan, np.array([0.5, 1]))
    assert list(frontier.points.index) == [0.5, 1.0]
    assert list(sf.frontier(portfolio, plan, [decimal.Decimal("0.5")]).points.index) == [0.5]
    assert sf.evaluate(portfolio, allocation, scenarios=np.int64(20)).value.shape[0] == 20
    document = {"schema": "stratfund.scenarios/1", "scenarios": [{"name": "cut", "budget_scale": 0.5}]}
    assert list(sf.compare(portfolio, plan, document).kpis.index) == ["baseline", "cut"]
    with pytest.raises(sf.ValidationError, match="colour"):
        sf.compare(portfolio, plan, {"scenarios": [], "colour": 1})
