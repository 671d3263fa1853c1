"""Heater fleet over time (plants/heater_fleet.py): balances, events and their timing.

Independent checks: the crude balance against the demand integrated by hand; the time of
the first decoke against an integration of the same coking law with SciPy's solve_ivp
(the heater kernel called directly at each fouling state); the decoke queue of a single
crew; trip statistics against the alternating-renewal result MTBF / (MTBF + MTTR); the
fuel bill against the fired duty of a direct kernel call.
"""

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from kernels import fouling, heater
from kernels.contract import OK, defaults
from plants.heater_fleet import DECOKING, ONLINE, Coking, FleetSpec, HeaterSpec, simulate
from plants.schedules import StepSchedule

BASE = defaults(heater.PARAMS)  # the crude heater of examples/heater_crude.toml
COKING = Coking(alpha=0.04, activation_energy=48e3, gamma=0.0)
NO_COKING = Coking(alpha=0.0, activation_energy=48e3, gamma=0.0)


def one_heater(name="H", coking=COKING, initial=2.0e-3, mtbf=math.inf, mttr=10.0, decoke_hours=120.0):
    return HeaterSpec(name, BASE.copy(), 100.0, coking, initial, decoke_hours, mtbf, mttr)


def fleet(heaters, demand=90.0, horizon=2000.0, price=8e-9, **kw):
    demand = demand if isinstance(demand, StepSchedule) else StepSchedule.constant("demand", demand)
    price = price if isinstance(price, StepSchedule) else StepSchedule.constant("fuel price", price)
    return FleetSpec(tuple(heaters), demand, price, carbon_price=0.085, horizon_hours=horizon, **kw)


def solve_heater(flow, rf):
    p = BASE.copy()
    p[heater.I_PROCESS_FLOW], p[heater.I_FOULING_RESISTANCE] = flow, rf
    out = np.empty(len(heater.OUTPUTS))
    assert heater.solve(p, out, np.empty((len(heater.PROFILES), heater.N_CELL))) == OK
    return out


def test_crude_balance_closes_against_the_plan_by_hand():
    plan = StepSchedule("demand", np.array([0.0, 300.0, 700.0]), np.array([150.0, 210.0, 120.0]))
    spec = fleet([one_heater("A", mtbf=200.0), one_heater("B", mtbf=150.0, initial=5e-4)], demand=plan,
                 horizon=1500.0, seed=3)
    run = simulate(spec)
    asked = (150.0 * 300.0 + 210.0 * 400.0 + 120.0 * 800.0) * 3600.0  # kg, the plan integrated by hand
    assert run.demand == pytest.approx(asked, rel=1e-15)
    assert run.delivered + run.shortfall == pytest.approx(asked, rel=1e-12)
    assert run.shortfall > 0.0  # 210 kg/s is more than one heater can take while the other is tripped
    assert sum(h.crude for h in run.heaters) == pytest.approx(run.delivered, rel=1e-12)


def test_first_decoke_when_the_integrated_coking_law_reaches_the_margin():
    margin, flow = 5.0, 90.0
    spec = fleet([one_heater()], demand=flow, horizon=4000.0, decoke_margin=margin)
    run = simulate(spec)
    due = [t for t, _, kind, _ in run.monitor.events if kind == "decoke due"]

    di = BASE[heater.I_RAD_TUBE_OD] - 2 * BASE[heater.I_TUBE_WALL]
    re, pr = fouling.tube_flow_numbers(flow / BASE[heater.I_PASSES], di, BASE[heater.I_PROCESS_VISCOSITY],
                                       BASE[heater.I_PROCESS_CP], BASE[heater.I_PROCESS_CONDUCTIVITY])

    def rate(_t, y):
        out = solve_heater(flow, y[0])
        t_s = fouling.deposit_surface_temp(BASE[heater.I_PROCESS_OUTLET_TEMP], out[heater.O_RADIANT_FLUX_MAX],
                                           BASE[heater.I_RAD_TUBE_OD], di, out[heater.O_INSIDE_FILM_COEFF])
        return [3600.0 * fouling.threshold_fouling_rate(re, pr, t_s, 0.04, 48e3, 0.0)]

    def at_margin(_t, y):
        return solve_heater(flow, y[0])[heater.O_TUBE_METAL_MARGIN] - margin

    at_margin.terminal = True
    ref = solve_ivp(rate, (0.0, 4000.0), [2.0e-3], events=at_margin, rtol=1e-9, atol=1e-14)
    t_ref = ref.t_events[0][0]
    # the fleet checks the tube metal at each hourly dispatch: due within the hour after t_ref
    assert len(due) == 1
    assert t_ref <= due[0] <= t_ref + 1.0 + 1e-6, (due[0], t_ref)


def test_one_crew_decokes_one_heater_at_a_time():
    twins_ = [one_heater("A"), one_heater("B")]  # identical: due at the same dispatch
    run = simulate(fleet(twins_, demand=180.0, horizon=4000.0))
    ev = {(m, k): t for t, m, k, _ in run.monitor.events}
    first = min(ev[("A", "decoke started")], ev[("B", "decoke started")])
    second = max(ev[("A", "decoke started")], ev[("B", "decoke started")])
    assert ev[("A", "decoke due")] == ev[("B", "decoke due")] == first
    assert second == pytest.approx(first + 120.0, abs=1e-9)
    two_crews = simulate(fleet(twins_, demand=180.0, horizon=4000.0, decoke_crews=2))
    starts = [t for t, _, k, _ in two_crews.monitor.events if k == "decoke started"]
    assert starts[0] == starts[1]
    # while a heater decokes it takes no crude and its coke is back to clean afterwards
    state = run.monitor.array("state")
    flow = run.monitor.array("process_flow")
    assert np.all(flow[state == DECOKING] == 0.0)
    rf = run.monitor.array("fouling_resistance")
    times = np.array(run.monitor.time_h)
    for j, name in enumerate("AB"):
        back = np.flatnonzero(times >= ev[(name, "decoke finished")])[0]
        assert rf[back, j] == BASE[heater.I_FOULING_RESISTANCE]


def test_trip_statistics_follow_the_alternating_renewal_result():
    mtbf, mttr, horizon = 100.0, 10.0, 200_000.0
    spec = fleet([one_heater(coking=NO_COKING, initial=0.0, mtbf=mtbf, mttr=mttr)], horizon=horizon,
                 dispatch_hours=1000.0, seed=11)
    run = simulate(spec)
    h = run.heaters[0]
    # long-run availability of an alternating renewal process: MTBF / (MTBF + MTTR) = 0.909;
    # over ~1800 cycles its standard error is ~0.003: 0.01 is > 3 sigma
    assert h.online_hours / horizon == pytest.approx(mtbf / (mtbf + mttr), abs=0.01)
    assert h.trips == pytest.approx(horizon / (mtbf + mttr), rel=0.05)
    again = simulate(spec)
    assert again.monitor.events == run.monitor.events  # seeded: the same trips


def test_fuel_bill_against_direct_kernel_call_and_price_schedule():
    price = StepSchedule("fuel price", np.array([0.0, 500.0]), np.array([7e-9, 14e-9]))  # per J, from hour 500
    run = simulate(fleet([one_heater(coking=NO_COKING, initial=0.0)], demand=80.0, horizon=1000.0, price=price))
    out = solve_heater(80.0, BASE[heater.I_FOULING_RESISTANCE])
    fired = out[heater.O_FIRED_DUTY] * 1000.0 * 3600.0
    assert run.heaters[0].fired_energy == pytest.approx(fired, rel=1e-12)
    assert run.fuel_cost == pytest.approx(out[heater.O_FIRED_DUTY] * 3600.0 * (500 * 7e-9 + 500 * 14e-9), rel=1e-12)
    assert run.co2 == pytest.approx(out[heater.O_CO2_EMISSIONS] * 1000.0 * 3600.0, rel=1e-12)
    assert run.carbon_cost == pytest.approx(0.085 * run.co2, rel=1e-12)
    state = run.monitor.array("state")
    assert np.all(state == ONLINE)


def test_least_fuel_dispatch_fires_less_and_still_closes():
    heaters = [one_heater("A", initial=3.5e-4), one_heater("B", initial=1.5e-3), one_heater("C", initial=2.5e-3)]
    equal = simulate(fleet(heaters, demand=240.0, horizon=300.0, dispatch_hours=4.0))
    least = simulate(fleet(heaters, demand=240.0, horizon=300.0, dispatch_hours=4.0, dispatch="least_fuel"))
    assert abs(least.crude_closure) < 1e-12 and least.shortfall == pytest.approx(0.0, abs=1e-3)
    fired = [sum(h.fired_energy for h in r.heaters) for r in (equal, least)]
    assert fired[1] < fired[0]
    # the cleanest heater takes the most crude
    assert least.heaters[0].crude > least.heaters[1].crude > least.heaters[2].crude
