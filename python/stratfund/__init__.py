"""stratfund: optimal three-house co-funding of strategic-technology R&D portfolios.

>>> import stratfund as sf
>>> sf.validate(sf.demo.portfolio(), sf.demo.plan()).ok
True
>>> print(sf.solve(sf.demo.portfolio(), sf.demo.plan()).summary())  # doctest: +ELLIPSIS
status optimal  objective (max_value) ...
"""

from . import demo, distributed, plotting
from ._core import __version__
from .allocation import Allocation, Summary, solve
from .catalog import catalog
from .exceptions import InfeasibleError, InputWarning, SolverError, StratfundError, ValidationError
from .model import Plan, Portfolio
from .monitoring import Monitoring, Replan, monitor, read_progress, replan, write_progress
from .simulation import Evaluation, Robustness, evaluate, robustness, scenario_draws
from .studies import Comparison, Frontier, compare, frontier, policy_sweep, read_scenarios
from .validation import ValidationReport, validate

__all__ = [
    "__version__",
    "Allocation",
    "Comparison",
    "Evaluation",
    "Frontier",
    "Monitoring",
    "Replan",
    "Robustness",
    "compare",
    "evaluate",
    "frontier",
    "monitor",
    "read_progress",
    "replan",
    "write_progress",
    "policy_sweep",
    "read_scenarios",
    "robustness",
    "scenario_draws",
    "solve",
    "Summary",
    "catalog",
    "demo",
    "distributed",
    "plotting",
    "InfeasibleError",
    "InputWarning",
    "Plan",
    "Portfolio",
    "SolverError",
    "StratfundError",
    "ValidationError",
    "ValidationReport",
    "validate",
]
