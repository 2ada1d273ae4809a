"""Type stubs of the compiled core (pyo3). Inputs are held as core objects; results cross as
FORMATS.md JSON text."""

from typing import Any, Callable, List, Optional, Sequence, Tuple, final

import numpy as np
import numpy.typing as npt

__all__ = [
    "__version__",
    "PortfolioCore",
    "PlanCore",
    "AllocationCore",
    "catalog_json",
    "validate_json",
    "notes_json",
    "solve_json",
    "render_allocation",
    "render_report",
    "generate_demo",
    "read_inputs",
    "compare_json",
    "frontier_json",
    "sweep_json",
    "evaluate_arrays",
    "robustness_arrays",
    "scenario_draws_json",
    "summarize_arrays",
    "simulation_settings",
    "EVALUATION_SCHEMA",
    "ROBUSTNESS_SCHEMA",
    "core_entries_json",
    "scenarios_json",
    "demo_scenarios_json",
    "did_you_mean",
    "refuse_other_table",
    "read_progress_json",
    "write_progress",
    "monitor_json",
    "replan_json",
    "demo_progress_json",
]

__version__: str
EVALUATION_SCHEMA: str
ROBUSTNESS_SCHEMA: str

@final
class PortfolioCore:
    @staticmethod
    def from_json(text: str) -> PortfolioCore: ...
    @staticmethod
    def from_path(path: str) -> PortfolioCore: ...
    @staticmethod
    def from_columns(columns: Sequence[Tuple[str, Any]], currency_unit: str, catalog: Optional[str] = None) -> PortfolioCore: ...
    def columns(self) -> List[Tuple[str, Any]]: ...
    def to_json(self, pretty: bool = False) -> str: ...
    def write(self, path: str) -> None: ...
    @property
    def currency_unit(self) -> str: ...
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...

@final
class PlanCore:
    @staticmethod
    def from_json(text: str) -> PlanCore: ...
    @staticmethod
    def from_path(path: str) -> PlanCore: ...
    def to_json(self, pretty: bool = False) -> str: ...
    def write(self, path: str) -> None: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...

@final
class AllocationCore:
    @staticmethod
    def from_json(text: str) -> AllocationCore: ...
    @staticmethod
    def from_path(path: str) -> AllocationCore: ...
    def to_json(self, pretty: bool = False) -> str: ...

def catalog_json(path: Optional[str] = None) -> str: ...
def validate_json(portfolio: PortfolioCore, plan: PlanCore, catalog: Optional[str] = None) -> str: ...
def notes_json(portfolio: PortfolioCore, plan: PlanCore, catalog: Optional[str] = None) -> str: ...
def solve_json(portfolio: PortfolioCore, plan: PlanCore, catalog: Optional[str] = None) -> str: ...
def render_report(
    kind: str, document: str, format: str = "markdown", lang: str = "en", catalog: Optional[str] = None
) -> str: ...
def render_allocation(
    allocation: str, format: str = "text", lang: str = "en", catalog: Optional[str] = None
) -> str: ...
def generate_demo(projects: int = 300, seed: int = 57, years: int = 5, coverage: float = 0.45) -> Tuple[PortfolioCore, PlanCore]: ...
def read_inputs(portfolio: str, plan: str) -> Tuple[PortfolioCore, PlanCore]: ...
def compare_json(
    portfolio: PortfolioCore,
    plan: PlanCore,
    scenarios: str,
    catalog: Optional[str] = None,
    progress: Optional[Callable[[int], Any]] = None,
) -> str: ...
def frontier_json(
    portfolio: PortfolioCore,
    plan: PlanCore,
    levels: Sequence[float],
    catalog: Optional[str] = None,
    progress: Optional[Callable[[int], Any]] = None,
) -> str: ...
def sweep_json(
    portfolio: PortfolioCore,
    plan: PlanCore,
    market: Sequence[float],
    strategic: Sequence[float],
    catalog: Optional[str] = None,
    progress: Optional[Callable[[int], Any]] = None,
) -> str: ...
def evaluate_arrays(
    portfolio: PortfolioCore, allocation: AllocationCore, settings: str, start: int = 0, stop: Optional[int] = None
) -> Tuple[str, List[str], List[str], npt.NDArray[np.bool_], npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...
def summarize_arrays(
    groups: List[str],
    success: npt.NDArray[np.bool_],
    value: npt.NDArray[np.float64],
    extra_state: npt.NDArray[np.float64],
    value_expected: float,
    settings: str,
) -> str: ...
def simulation_settings(settings: str) -> str: ...
def robustness_arrays(
    portfolio: PortfolioCore,
    plan: PlanCore,
    settings: str,
    catalog: Optional[str] = None,
    start: int = 0,
    stop: Optional[int] = None,
    progress: Optional[Callable[[int], Any]] = None,
) -> Tuple[str, npt.NDArray[np.bool_], npt.NDArray[np.float64], List[str]]: ...
def scenario_draws_json(
    portfolio: PortfolioCore, plan: PlanCore, settings: str, index: int, catalog: Optional[str] = None
) -> str: ...
def core_entries_json(project_ids: List[str], funded: npt.NDArray[np.bool_], baseline_funded: List[bool]) -> str: ...
def scenarios_json(path: str) -> str: ...
def demo_scenarios_json() -> str: ...
def did_you_mean(name: str, known: List[str]) -> str: ...
def refuse_other_table(columns: List[str], expected: str, source: str) -> None: ...
def read_progress_json(path: str) -> str: ...
def write_progress(progress: str, path: str) -> None: ...
def monitor_json(portfolio: PortfolioCore, plan: PlanCore, allocation: str, progress: str, as_of: Optional[str] = None) -> str: ...
def replan_json(
    portfolio: PortfolioCore, plan: PlanCore, allocation: str, progress: str, policy: str, catalog: Optional[str] = None
) -> str: ...
def demo_progress_json(allocation: str, year: int = 2026, seed: int = 57) -> str: ...
