"""Projections, required growth, logistic diffusion and convergence time (M10, M12).

Scenario arithmetic for course notebooks 07–09: where does the circle's GDP get to at
a given growth rate (:func:`project`), what rate reaches a target such as 10万亿元 by
2030 (:func:`required_growth`) and when (:func:`years_to_reach`); the logistic curve
of policy diffusion for 川渝通办 (:func:`logistic`, :func:`fit_logistic`); and how long
an urban/rural income ratio takes to fall to a target (:func:`convergence_time`).

A scenario is arithmetic on assumptions, not a forecast. Only numpy is needed
(the logistic fit is a small Levenberg–Marquardt routine, no scipy).

>>> from chengyu_lib import scenarios
>>> round(scenarios.project(8.198667, 0.05, 7), 2)    # 万亿元, 2023 → 2030 at 5 %
11.54
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as _v
from .language import text as _t

__all__ = ["project", "required_growth", "years_to_reach", "logistic", "fit_logistic",
           "LogisticFit", "convergence_time", "reach_year"]


def _check_rate(arr, name, labels):
    bad = ~(arr > -1)
    if bad.any():
        pos = int(np.flatnonzero(bad.reshape(-1))[0])
        raise ValueError(f"{name} must be greater than -1 (a fall of more than 100 % is "
                         f"impossible), got {arr.reshape(-1)[pos]:g}"
                         f"{_v._where(labels, pos, arr.shape)}")


def _finite_result(arr, what):
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{what} overflows for these inputs; use smaller numbers")
    return arr


#: Most observations :func:`fit_logistic` takes, and the most iterations it may run
#: (a diffusion series has one point per year or month; the limits keep a fit quick).
MAX_FIT_POINTS = 1_000
MAX_FIT_ITER = 10_000


# ======================================================================= M12 growth
def project(v0, rate, years):
    """Project a level forward at a constant growth rate.

    Formula: Y_t = Y_0 (1 + g)^t, with Y_0 = ``v0``, g = ``rate`` (0.05 for 5 %) and
    t = ``years`` after the base year.

    Range: (0, ∞). ``years`` may be one number (the value at that horizon) or a
    sequence of horizons, e.g. ``range(8)`` for the path 2023 … 2030; negative t goes
    back in time. A scenario, not a forecast.

    Reference: docs/methods.md, M12 (compound growth); Barro, R. J. & Sala-i-Martin, X.
    (2004), *Economic Growth*, ch. 1.

    >>> round(project(8.198667, 0.05, 7), 2)      # 成渝 GDP 2030 at 5 %, 万亿元
    11.54
    >>> project(100, 0.1, [0, 1, 2]).round(6).tolist()
    [100.0, 110.0, 121.0]
    """
    (Y0, g, t), restore = _v.broadcast(("v0", v0), ("rate", rate), ("years", years))
    _v.check_positive(Y0, "v0", restore.labels)
    _check_rate(g, "rate", restore.labels)
    with np.errstate(over="ignore"):
        Y = Y0 * (1.0 + g) ** t
    return restore(_finite_result(Y, "the projection"))


def required_growth(v0, target, years):
    """Constant yearly growth rate that takes ``v0`` to ``target`` in ``years``.

    Formula: g = (Y* / Y_0)^(1/T) - 1 (the CAGR between now and the target).

    Range: (-1, ∞); negative if the target is below the current level.

    Reference: docs/methods.md, M12 (compound growth).

    >>> round(required_growth(8.198667, 10, 7), 4)   # 10万亿 by 2030 from 2023
    0.0288
    """
    (Y0, Y, T), restore = _v.broadcast(("v0", v0), ("target", target), ("years", years))
    _v.check_positive(Y0, "v0", restore.labels)
    _v.check_positive(Y, "target", restore.labels)
    _v.check_positive(T, "years", restore.labels,
                      what=_t(" (time to reach the target)", "（达到目标所需的时间）"))
    with np.errstate(all="ignore"):
        g = (Y / Y0) ** (1.0 / T) - 1.0
    return restore(_finite_result(g, "the required growth rate"))


def years_to_reach(v0, target, rate):
    """Years until ``v0`` growing at ``rate`` reaches ``target`` (fractional).

    Formula: t = ln(Y* / Y_0) / ln(1 + g), the inverse of :func:`project`.

    Range: [0, ∞); 0 if the target equals the current level. Raises a ValueError
    when the target is never reached going forward (e.g. rate ≤ 0 with a target
    above the current level).

    Reference: docs/methods.md, M12 (compound growth; the "rule of 70" is its
    approximation for doubling: t ≈ 70 / (100 g)).

    >>> round(years_to_reach(8.198667, 10, 0.05), 2)
    4.07
    >>> round(years_to_reach(1, 2, 0.07), 2)      # doubling time at 7 %
    10.24
    """
    (Y0, Y, g), restore = _v.broadcast(("v0", v0), ("target", target), ("rate", rate))
    _v.check_positive(Y0, "v0", restore.labels)
    _v.check_positive(Y, "target", restore.labels)
    _check_rate(g, "rate", restore.labels)
    with np.errstate(all="ignore"):
        gap = np.log(Y / Y0)
        step = np.log1p(g)
        never = (gap != 0) & ~(gap * step > 0)
    if never.any():
        pos = int(np.flatnonzero(never.reshape(-1))[0])
        y0, y, r = (a.reshape(-1)[pos] for a in (Y0, Y, g))
        where = _v._where(restore.labels, pos, Y0.shape)
        if y > y0:
            raise ValueError(f"rate must be positive to reach a target above v0, got "
                             f"rate={r:g} (v0={y0:g}, target={y:g}){where}: never reached")
        raise ValueError(f"target {y:g} is below v0={y0:g} but rate={r:g} is not negative"
                         f"{where}: the value never falls to the target")
    with np.errstate(all="ignore"):
        t = np.divide(gap, step, out=np.zeros_like(gap), where=gap != 0)
    return restore(_finite_result(t, "the number of years"))


# ============================================================= M10 logistic diffusion
def _expit(z):
    """1 / (1 + e^(-z)) without overflow warnings."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def logistic(t, K, r, t0):
    """Logistic diffusion curve.

    Formula: N(t) = K / (1 + e^(-r (t - t0))), with ceiling K (> 0), rate r and
    midpoint t0, where N(t0) = K/2 and growth is fastest.

    Range: (0, K) — the curve never passes K, so extrapolating beyond the ceiling is
    a modelling error, not a result. r > 0 rises, r < 0 falls, r = 0 is flat at K/2.

    Reference: Walker, J. L. (1969), "The Diffusion of Innovations among the American
    States"; Gray, V. (1973), "Innovation in the States: A Diffusion Study".

    >>> logistic(2022, K=400, r=1.0, t0=2022)
    200.0
    >>> logistic([2020, 2024], 400, 1.0, 2022).round(1).tolist()
    [47.7, 352.3]
    """
    (tt, KK, rr, tt0), restore = _v.broadcast(("t", t), ("K", K), ("r", r), ("t0", t0))
    _v.check_positive(KK, "K", restore.labels, what=_t(" (the ceiling)", "（上限）"))
    with np.errstate(all="ignore"):
        N = KK * _expit(rr * (tt - tt0))
    return restore(_finite_result(N, "the logistic curve"))


@dataclass(frozen=True)
class LogisticFit:
    """Result of :func:`fit_logistic`. Unpacks as ``K, r, t0 = fit``.

    Attributes: K, r, t0 (see :func:`logistic`), rss (residual sum of squares),
    n_iter (Levenberg–Marquardt iterations).
    """

    K: float
    r: float
    t0: float
    rss: float
    n_iter: int

    def __iter__(self):
        return iter((self.K, self.r, self.t0))

    def predict(self, t):
        """The fitted curve at ``t`` (see :func:`logistic`)."""
        return logistic(t, self.K, self.r, self.t0)


def _lm(τ, y, θ, max_iter):
    """Levenberg–Marquardt for y ≈ K·expit(r(τ - t0)), θ = (K, r, t0)."""
    def resid(θ):
        return y - θ[0] * _expit(θ[1] * (τ - θ[2]))

    res = resid(θ)
    sse = float(res @ res)
    λ = 1e-3
    for it in range(1, max_iter + 1):
        K, r, t0 = θ
        f = _expit(r * (τ - t0))
        df = f * (1.0 - f)
        J = np.column_stack([f, K * df * (τ - t0), -K * df * r])  # ∂model/∂θ
        A = J.T @ J
        grad = J.T @ res
        if np.max(np.abs(grad)) < 1e-15 * max(1.0, sse):
            return θ, sse, it, True
        improved = False
        while λ < 1e16:
            M = A + λ * np.diag(np.maximum(np.diag(A), 1e-12))
            try:
                δ = np.linalg.solve(M, grad)
            except np.linalg.LinAlgError:
                λ *= 10
                continue
            θ_new = θ + δ
            res_new = resid(θ_new)
            sse_new = float(res_new @ res_new)
            if sse_new < sse:
                improved = True
                break
            λ *= 10
        if not improved:
            return θ, sse, it, True  # no downhill step left: a (local) minimum
        small_step = np.all(np.abs(δ) <= 1e-12 * (np.abs(θ) + 1e-12))
        small_gain = sse - sse_new <= 1e-15 * sse
        θ, res, sse = θ_new, res_new, sse_new
        λ = max(λ / 10, 1e-12)
        if small_step or small_gain or sse < 1e-30:
            return θ, sse, it, True
    return θ, sse, max_iter, False


def fit_logistic(t, n, *, max_iter: int = 500) -> LogisticFit:
    """Least-squares fit of the logistic curve N(t) = K / (1 + e^(-r (t - t0))).

    Method: minimise Σ (n_k - N(t_k))² over K, r, t0. Times are rescaled to [-1, 1]
    and counts to [0, 1]; a grid over (r, t0), with the best K for each pair in closed
    form (K = Σ n f / Σ f²), gives starting values, and Levenberg–Marquardt with the
    analytic Jacobian polishes them. numpy only.

    Range: K > 0; r > 0 for a rising series. When the data show no slowing down yet,
    the ceiling K is not identified and a ValueError says so: fix K from outside
    knowledge instead.

    Reference: Walker, J. L. (1969), "The Diffusion of Innovations among the American
    States"; Marquardt, D. W. (1963), "An Algorithm for Least-Squares Estimation of
    Nonlinear Parameters".

    Parameters
    ----------
    t : times (e.g. years), at least 3 distinct values and at most
        :data:`MAX_FIT_POINTS` points
    max_iter : at most :data:`MAX_FIT_ITER`
    n : observed cumulative counts (non-negative, not all zero); matched to ``t`` by
        label if both are Series

    Returns
    -------
    LogisticFit(K, r, t0, rss, n_iter); unpack with ``K, r, t0 = fit_logistic(t, n)``.

    >>> import numpy as np
    >>> t = np.arange(2018, 2027)
    >>> K, r, t0 = fit_logistic(t, logistic(t, 311, 0.9, 2021.5))
    >>> round(K, 3), round(r, 4), round(t0, 3)
    (311.0, 0.9, 2021.5)
    """
    (tt, nn), _ = _v.vectors(("t", t), ("n", n), min_len=3)
    _v.check_nonnegative(nn, "n", None, what=_t(" (cumulative counts)", "（累计数）"))
    if isinstance(max_iter, (bool, np.bool_)) or not isinstance(max_iter, (int, np.integer)) \
            or max_iter < 1:
        raise ValueError(f"max_iter must be a positive integer, got {max_iter!r}")
    if max_iter > MAX_FIT_ITER:
        raise ValueError(f"max_iter must be at most {MAX_FIT_ITER}, got {max_iter}")
    if tt.size > MAX_FIT_POINTS:
        raise ValueError(f"t and n have {tt.size} points; fit_logistic takes at most "
                         f"{MAX_FIT_POINTS} (aggregate them, e.g. to one point per year)")
    if np.unique(tt).size < 3:
        raise ValueError(f"t needs at least 3 distinct times to fit K, r and t0, got "
                         f"{np.unique(tt).size}")
    n_max = float(nn.max())
    if not n_max > 0:
        raise ValueError("n must not be all zero: there is nothing to fit")
    t_mid = tt.max() / 2.0 + tt.min() / 2.0     # halves first: no overflow near 1e308
    t_half = tt.max() / 2.0 - tt.min() / 2.0
    τ = (tt - t_mid) / t_half
    y = nn / n_max
    if not (np.all(np.isfinite(τ)) and np.all(np.isfinite(y)) and t_half > 0):
        raise ValueError("fit_logistic: t or n spans too wide a range to fit in floating "
                         "point; rescale them (e.g. years since 2000, counts in thousands)")

    # starting values: grid over (r, t0), closed-form K for each pair
    r_grid = np.geomspace(0.05, 200.0, 60)
    r_grid = np.concatenate([-r_grid[::-1], r_grid])
    t0_grid = np.linspace(-3.0, 3.0, 121)
    # one r at a time keeps memory at len(t0_grid) × len(t), not × len(r_grid) as well
    best = (np.inf, 0.0, 0.0, 0.0)
    with np.errstate(all="ignore"):
        for r in r_grid:
            F = _expit(r * (τ[None, :] - t0_grid[:, None]))
            ff = np.einsum("bk,bk->b", F, F)
            K_grid = np.divide(F @ y, ff, out=np.zeros_like(ff), where=ff > 1e-200)
            resid = y[None, :] - K_grid[:, None] * F
            sse = np.where(K_grid > 0, np.einsum("bk,bk->b", resid, resid), np.inf)
            b = int(np.argmin(sse))
            if sse[b] < best[0]:
                best = (float(sse[b]), float(K_grid[b]), float(r), float(t0_grid[b]))
    θ0 = np.array(best[1:])

    with np.errstate(all="ignore"):
        θ, rss, n_iter, converged = _lm(τ, y, θ0, max_iter)
    K_s, r_s, t0_s = (float(v) for v in θ)
    if not converged or not np.all(np.isfinite(θ)):
        raise ValueError(f"fit_logistic did not converge in {max_iter} iterations; "
                         "check the data or raise max_iter")
    if not K_s > 0 or K_s > 100.0:
        raise ValueError("the data do not identify the ceiling K (they show no slowing "
                         "down yet, or do not look logistic); set K from outside "
                         "knowledge instead of fitting it")
    with np.errstate(all="ignore"):
        K, r, t0 = K_s * n_max, r_s / t_half, t0_s * t_half + t_mid
        rss = rss * n_max ** 2
    _v.finite_result([K, r, t0, rss], "fit_logistic", "t and n")
    return LogisticFit(K=float(K), r=float(r), t0=float(t0), rss=float(rss),
                       n_iter=int(n_iter))


# ======================================================== M12 convergence time
def convergence_time(ratio0, target_ratio, g_rural, g_urban):
    """Years for an urban/rural income ratio to fall from R_0 to a target R*.

    With urban income growing at g_u and rural income at g_r, the ratio follows
    R_t = R_0 ((1 + g_u)/(1 + g_r))^t, so

        t* = ln(R_0 / R*) / ln((1 + g_r)/(1 + g_u)).

    Range: [0, ∞); 0 when R_0 = R*. The ratio only falls if rural income grows faster
    (g_r > g_u); otherwise it never converges and a ValueError says so.

    Reference: Barro, R. J. & Sala-i-Martin, X. (1992), "Convergence", *Journal of
    Political Economy* 100(2).

    Parameters
    ----------
    ratio0 : current ratio R_0 (urban / rural income), positive
    target_ratio : target R*, positive and not above ``ratio0``
    g_rural, g_urban : yearly growth rates (0.07 for 7 %), each > -1

    >>> round(convergence_time(2.0, 1.5, 0.07, 0.05), 1)
    15.2
    """
    (R0, Rs, gr, gu), restore = _v.broadcast(("ratio0", ratio0),
                                             ("target_ratio", target_ratio),
                                             ("g_rural", g_rural), ("g_urban", g_urban))
    _v.check_positive(R0, "ratio0", restore.labels)
    _v.check_positive(Rs, "target_ratio", restore.labels)
    _check_rate(gr, "g_rural", restore.labels)
    _check_rate(gu, "g_urban", restore.labels)
    above = Rs > R0
    if above.any():
        pos = int(np.flatnonzero(above.reshape(-1))[0])
        raise ValueError(f"target_ratio must not exceed ratio0 (convergence means the "
                         f"ratio falls), got target_ratio={Rs.reshape(-1)[pos]:g} > "
                         f"ratio0={R0.reshape(-1)[pos]:g}"
                         f"{_v._where(restore.labels, pos, R0.shape)}")
    with np.errstate(all="ignore"):
        gap = np.log(R0 / Rs)
        step = np.log1p(gr) - np.log1p(gu)
    never = (gap > 0) & ~(step > 0)
    if never.any():
        pos = int(np.flatnonzero(never.reshape(-1))[0])
        raise ValueError(f"the ratio never converges: g_rural must exceed g_urban, got "
                         f"g_rural={gr.reshape(-1)[pos]:g}, g_urban={gu.reshape(-1)[pos]:g}"
                         f"{_v._where(restore.labels, pos, R0.shape)}")
    with np.errstate(all="ignore"):
        t = np.divide(gap, step, out=np.zeros_like(gap), where=gap > 0)
    return restore(_finite_result(t, "the convergence time"))


# ================================================================ M12 calendar year
def reach_year(base_year, years, last_year=None):
    """The first calendar year at or past a target reached ``years`` after ``base_year``,
    or ``None`` when it is never reached (``years`` is None) or only after ``last_year``.

    Formula: base_year + ⌈t⌉, with t rounded to 9 decimals first so that a target met
    exactly after a whole number of years (t = 3.0000000001 from floating point) counts
    in that year. Used with :func:`years_to_reach` and :func:`convergence_time`.

    Range: base_year … last_year, or None.

    Reference: docs/methods.md, M12.

    >>> reach_year(2023, 4.07), reach_year(2022, 7.82), reach_year(2023, 0.0)
    (2028, 2030, 2023)
    >>> reach_year(2023, None) is None, reach_year(2023, 20.5, last_year=2040) is None
    (True, True)
    """
    import math

    if isinstance(base_year, bool) or not isinstance(base_year, (int, np.integer)):
        raise TypeError(f"base_year must be a whole year such as 2023, got {base_year!r}")
    if last_year is not None and (isinstance(last_year, bool)
                                  or not isinstance(last_year, (int, np.integer))):
        raise TypeError(f"last_year must be a whole year such as 2040 or None, got "
                        f"{last_year!r}")
    if years is None:
        return None
    t = _v.scalar(years, "years")
    if t < 0:
        raise ValueError(f"years must be non-negative (time after base_year), got {t:g}")
    year = int(base_year) + math.ceil(round(t, 9))
    return None if last_year is not None and year > last_year else year
