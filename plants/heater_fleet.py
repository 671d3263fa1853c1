"""A refinery fired-heater fleet over months: coking campaigns, decokes, trips, tariffs.

Several crude heaters in parallel share the refinery's crude charge. Each runs the
steady :mod:`kernels.heater` model at its current feed and inside fouling (minutes of
thermal time constant against weeks of campaign: quasi-steady), while SimPy runs what
happens over time:

- **Coking.** The inside fouling resistance ``Rf`` of each heater grows by the threshold
  model of :mod:`kernels.fouling`, evaluated at the coil outlet (bulk oil temperature)
  with the peak radiant flux: the hottest deposit surface, where coke forms first. It is
  integrated explicitly over each interval between dispatches (at most
  ``dispatch_hours``; ``Rf`` changes over weeks).
- **Decoke.** When the tube-metal temperature comes within ``decoke_margin`` of its
  limit, the heater is taken off line and queues for a decoking crew (a
  :class:`simpy.Resource` of ``decoke_crews``); decoking takes ``decoke_hours`` and
  restores the clean fouling resistance of its parameter vector.
- **Trips.** Each heater trips (burner, fan or instrument failure) after exponentially
  distributed times with mean ``mtbf_hours`` and is back after an exponentially
  distributed repair with mean ``mttr_hours``; the random streams are seeded.
- **Dispatch.** The crude demand of a :class:`~plants.schedules.StepSchedule` is split
  over the heaters on line in proportion to their capacity (``dispatch = "equal"``, the
  common practice for parallel heaters) or so the fleet fires the least fuel while every
  tube-metal margin stays above ``decoke_margin`` (``"least_fuel"``, see
  :mod:`plants.dispatch`), each capped at its ``max_flow``; what they cannot take is
  recorded as shortfall. The fleet is re-dispatched at every
  interval, at every change of a schedule, and at once whenever a heater trips, comes
  back or goes to decoke.
- **Tariffs.** Fuel is paid at the fuel-price schedule (per J of LHV fired) and CO2 at
  a carbon price; both are integrated over the run.

The fleet's totals come with their own closure: crude delivered plus shortfall equals
the integral of the demand schedule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import simpy

from kernels import fouling, heater
from kernels.contract import OK
from plants.dispatch import equal_loading, least_fuel_loading
from plants.monitor import Monitor, Series
from plants.schedules import StepSchedule

ONLINE, TRIPPED, WAITING_FOR_CREW, DECOKING = 0, 1, 2, 3
STATE_NAMES = ("online", "tripped", "waiting for decoke crew", "decoking")

SERIES = (
    Series("state", "1", "0 online, 1 tripped, 2 waiting for decoke crew, 3 decoking"),
    Series("process_flow", "kg/s", "crude charge through the heater"),
    Series("fuel_flow", "kg/s", "fuel gas fired"),
    Series("fired_duty", "W", "heat released by the fuel (LHV)"),
    Series("efficiency_lhv", "1", "API 560 fuel efficiency"),
    Series("tube_metal_temp_max", "K", "peak radiant tube-metal temperature"),
    Series("tube_metal_margin", "K", "tube-metal limit minus peak tube-metal temperature"),
    Series("fouling_resistance", "m^2*K/W", "inside coke fouling resistance"),
    Series("fouling_rate", "m^2*K/(W*s)", "net coking rate at the hottest deposit surface"),
    Series("co2_emissions", "kg/s", "CO2 from the fuel"),
    Series("demand", "kg/s", "crude charge the refinery asks of the fleet", per_member=False),
    Series("shortfall", "kg/s", "crude charge the fleet could not take", per_member=False),
    Series("fuel_price", "1/J", "fuel price, currency per J of LHV fired", per_member=False),
)

# the series that are heater-kernel outputs, with their output index
_KERNEL_SERIES = {o.name: j for j, o in enumerate(heater.OUTPUTS) if o.name in {x.name for x in SERIES}}


@dataclass(frozen=True)
class Coking:
    """Threshold coking constants (see :func:`kernels.fouling.threshold_fouling_rate`)."""

    alpha: float  # m^2 K/(W s)
    activation_energy: float  # J/mol
    gamma: float  # m^2 K/(W s)


@dataclass(frozen=True)
class HeaterSpec:
    """One heater of the fleet.

    ``params`` is its :mod:`kernels.heater` parameter vector (SI); the fleet sets
    ``process_flow`` and ``fouling_resistance`` in it, and the value of
    ``fouling_resistance`` given there is the clean (just decoked) resistance.
    """

    name: str
    params: np.ndarray
    max_flow: float  # kg/s
    coking: Coking
    initial_fouling: float  # m^2 K/W at the start of the run
    decoke_hours: float
    mtbf_hours: float  # math.inf: never trips
    mttr_hours: float
    turndown: float = 0.5  # least feed as a fraction of max_flow (least-fuel dispatch)


@dataclass(frozen=True)
class FleetSpec:
    """The fleet, its inputs over time and its operating policy."""

    heaters: tuple[HeaterSpec, ...]
    demand: StepSchedule  # kg/s
    fuel_price: StepSchedule  # currency per J (LHV)
    carbon_price: float  # currency per kg CO2
    horizon_hours: float
    dispatch_hours: float = 1.0
    decoke_crews: int = 1
    decoke_margin: float = 5.0  # K
    seed: int = 0
    dispatch: str = "equal"  # or "least_fuel" (plants.dispatch)


@dataclass(frozen=True)
class HeaterTotals:
    """What one heater did over the run."""

    name: str
    crude: float  # kg
    fuel: float  # kg
    fired_energy: float  # J
    co2: float  # kg
    online_hours: float
    decokes: int
    trips: int


@dataclass(frozen=True)
class FleetRun:
    """Result of :func:`simulate`: totals, per-heater totals and the monitor."""

    spec: FleetSpec
    heaters: tuple[HeaterTotals, ...]
    demand: float  # kg
    delivered: float  # kg
    shortfall: float  # kg
    fuel_cost: float  # currency
    carbon_cost: float  # currency
    monitor: Monitor

    @property
    def fuel(self) -> float:
        """Fuel fired by the fleet [kg]."""
        return sum(h.fuel for h in self.heaters)

    @property
    def co2(self) -> float:
        """CO2 from the fleet's fuel [kg]."""
        return sum(h.co2 for h in self.heaters)

    @property
    def crude_closure(self) -> float:
        """(delivered + shortfall - demand) / demand: zero up to round-off."""
        return (self.delivered + self.shortfall - self.demand) / self.demand


def simulate(spec: FleetSpec) -> FleetRun:
    """Run the fleet from time 0 to ``spec.horizon_hours``."""
    env = simpy.Environment()
    fleet = _Fleet(env, spec)
    env.process(fleet.dispatcher())
    for unit in fleet.units:
        env.process(unit.life())
    env.run(until=spec.horizon_hours)
    fleet.close_interval(spec.horizon_hours)
    demand = spec.demand.mean(spec.horizon_hours) * spec.horizon_hours * 3600.0
    return FleetRun(
        spec=spec,
        heaters=tuple(u.totals() for u in fleet.units),
        demand=demand,
        delivered=fleet.delivered,
        shortfall=fleet.shortfall,
        fuel_cost=fleet.fuel_cost,
        carbon_cost=fleet.carbon_cost,
        monitor=fleet.monitor,
    )


class _Heater:
    """State and SimPy process of one heater."""

    def __init__(self, fleet: _Fleet, spec: HeaterSpec, rng: np.random.Generator) -> None:
        self.fleet, self.spec, self.rng = fleet, spec, rng
        self.state = ONLINE
        self.clean_fouling = float(spec.params[heater.I_FOULING_RESISTANCE])
        self.fouling = max(spec.initial_fouling, self.clean_fouling)
        self.decoke_request = fleet.env.event()
        self.crude = self.fuel = self.fired = self.co2 = self.online_hours = 0.0
        self.decokes = self.trips = 0
        od = spec.params[heater.I_RAD_TUBE_OD]
        self.tube_od, self.tube_id = od, od - 2.0 * spec.params[heater.I_TUBE_WALL]

    def life(self):
        """Trips and decokes of this heater, for ever."""
        env, log = self.fleet.env, self.fleet.monitor.event
        while True:
            trip = env.timeout(self._draw(self.spec.mtbf_hours))
            fired = yield trip | self.decoke_request
            if self.decoke_request in fired:
                self._set_state(WAITING_FOR_CREW)
                with self.fleet.crews.request() as crew:
                    yield crew
                    self._set_state(DECOKING)
                    log(env.now, self.spec.name, "decoke started", f"Rf {self.fouling:.3e} m2K/W")
                    yield env.timeout(self.spec.decoke_hours)
                self.fouling = self.clean_fouling
                self.decokes += 1
                self.decoke_request = env.event()
                log(env.now, self.spec.name, "decoke finished", "")
            else:
                self.trips += 1
                self._set_state(TRIPPED)
                log(env.now, self.spec.name, "trip", "")
                yield env.timeout(self._draw(self.spec.mttr_hours))
                log(env.now, self.spec.name, "back on line", "")
            self._set_state(ONLINE)

    def ask_for_decoke(self, margin: float) -> None:
        """Take the heater off line for decoking (called by the dispatcher)."""
        if not self.decoke_request.triggered:
            self.fleet.monitor.event(self.fleet.env.now, self.spec.name, "decoke due", f"TMT margin {margin:.1f} K")
            self.state = WAITING_FOR_CREW
            self.decoke_request.succeed()

    def grow_fouling(self, rate: float, hours: float) -> None:
        self.fouling = max(self.clean_fouling, self.fouling + rate * hours * 3600.0)

    def totals(self) -> HeaterTotals:
        return HeaterTotals(self.spec.name, self.crude, self.fuel, self.fired, self.co2, self.online_hours,
                            self.decokes, self.trips)

    def _draw(self, mean_hours: float) -> float:
        return math.inf if math.isinf(mean_hours) else float(self.rng.exponential(mean_hours))

    def _set_state(self, state: int) -> None:
        if state != self.state:
            self.state = state
            self.fleet.changed()


class _Fleet:
    """The dispatcher: loads the heaters on line, integrates totals, watches tube metal."""

    def __init__(self, env: simpy.Environment, spec: FleetSpec) -> None:
        self.env, self.spec = env, spec
        self.crews = simpy.Resource(env, capacity=spec.decoke_crews)
        streams = np.random.SeedSequence(spec.seed).spawn(len(spec.heaters))
        self.units = [_Heater(self, h, np.random.default_rng(s)) for h, s in zip(spec.heaters, streams, strict=True)]
        self.monitor = Monitor(SERIES, tuple(h.name for h in spec.heaters))
        self.wake = env.event()
        n = len(self.units)
        self.OUT = np.full((n, len(heater.OUTPUTS)), np.nan)
        self.PROF = np.empty((n, len(heater.PROFILES), heater.N_CELL))
        self.STATUS = np.zeros(n, dtype=np.int8)
        self.flow = np.zeros(n)
        self.rate = np.zeros(n)
        self.t_start = 0.0
        self.demand_now = 0.0
        self.delivered = self.shortfall = self.fuel_cost = self.carbon_cost = 0.0

    def changed(self) -> None:
        """A heater changed state: re-dispatch now."""
        if not self.wake.triggered:
            self.wake.succeed()

    def dispatcher(self):
        env = self.env
        while True:
            self.dispatch()
            self.wake = env.event()
            t = env.now
            until = min(t + self.spec.dispatch_hours, self.spec.demand.next_change(t),
                        self.spec.fuel_price.next_change(t))
            yield env.timeout(until - t) | self.wake
            self.close_interval(env.now)

    def dispatch(self) -> None:
        """Load the heaters on line and solve them; send those at their TMT limit to decoke."""
        t = self.env.now
        self.demand_now = self.spec.demand.at(t)
        while True:
            self._solve_loads()
            due = [(u, self.OUT[i, heater.O_TUBE_METAL_MARGIN]) for i, u in enumerate(self.units)
                   if self.flow[i] > 0.0 and self.OUT[i, heater.O_TUBE_METAL_MARGIN] < self.spec.decoke_margin]
            if not due:
                break
            for unit, margin in due:
                unit.ask_for_decoke(margin)
        self._coking_rates()
        self.t_start = t
        online = self.flow > 0.0
        per = {name: np.where(online, self.OUT[:, j], np.nan) for name, j in _KERNEL_SERIES.items()}
        self.monitor.record(
            t,
            state=[u.state for u in self.units],
            process_flow=self.flow,
            fouling_resistance=[u.fouling for u in self.units],
            fouling_rate=np.where(online, self.rate, 0.0),
            demand=self.demand_now,
            shortfall=self.demand_now - self.flow.sum(),
            fuel_price=self.spec.fuel_price.at(t),
            **per,
        )

    def close_interval(self, t_end: float) -> None:
        """Add the interval since the last dispatch to the totals and grow the coke."""
        hours = t_end - self.t_start
        if hours <= 0.0:
            return
        seconds = hours * 3600.0
        price = self.spec.fuel_price.at(self.t_start)
        for i, u in enumerate(self.units):
            if self.flow[i] <= 0.0:
                continue
            out = self.OUT[i]
            u.crude += self.flow[i] * seconds
            u.fuel += out[heater.O_FUEL_FLOW] * seconds
            u.fired += out[heater.O_FIRED_DUTY] * seconds
            u.co2 += out[heater.O_CO2_EMISSIONS] * seconds
            u.online_hours += hours
            u.grow_fouling(self.rate[i], hours)
            self.fuel_cost += price * out[heater.O_FIRED_DUTY] * seconds
            self.carbon_cost += self.spec.carbon_price * out[heater.O_CO2_EMISSIONS] * seconds
        self.delivered += self.flow.sum() * seconds
        self.shortfall += (self.demand_now - self.flow.sum()) * seconds
        self.t_start = t_end

    def _solve_loads(self) -> None:
        capacity = np.array([u.spec.max_flow if u.state == ONLINE else 0.0 for u in self.units])
        flows = None
        if self.spec.dispatch == "least_fuel":
            turndown = np.array([u.spec.turndown for u in self.units])
            flows = least_fuel_loading(self._fired_and_margin, capacity, turndown, self.demand_now,
                                       self.spec.decoke_margin, start=self.flow)
        self.flow[:] = equal_loading(capacity, self.demand_now) if flows is None else flows
        self._solve(self.flow)
        for i in np.flatnonzero(self.STATUS != OK):  # the heater cannot fire this load: it takes none
            self.monitor.event(self.env.now, self.units[i].spec.name, "kernel status",
                               f"status {int(self.STATUS[i])} at {self.flow[i]:.2f} kg/s")
            self.flow[i] = 0.0

    def _solve(self, flows: np.ndarray) -> None:
        """Solve every heater with a feed; others get NaN outputs and status OK."""
        rows = np.flatnonzero(flows > 0.0)
        self.OUT[:] = np.nan
        self.STATUS[:] = OK
        if rows.size == 0:
            return
        P = np.array([self.units[i].spec.params for i in rows])
        P[:, heater.I_PROCESS_FLOW] = flows[rows]
        P[:, heater.I_FOULING_RESISTANCE] = [self.units[i].fouling for i in rows]
        out = np.empty((rows.size, len(heater.OUTPUTS)))
        status = np.empty(rows.size, dtype=np.int8)
        heater.solve_batch_serial(P, out, self.PROF[: rows.size], status)
        self.OUT[rows] = out
        self.STATUS[rows] = status

    def _fired_and_margin(self, flows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        self._solve(flows)
        ok = self.STATUS == OK
        return (np.where(ok, self.OUT[:, heater.O_FIRED_DUTY], np.nan),
                np.where(ok, self.OUT[:, heater.O_TUBE_METAL_MARGIN], np.nan))

    def _coking_rates(self) -> None:
        self.rate[:] = 0.0
        for i, u in enumerate(self.units):
            if self.flow[i] <= 0.0:
                continue
            p, out = u.spec.params, self.OUT[i]
            re, pr = fouling.tube_flow_numbers(self.flow[i] / p[heater.I_PASSES], u.tube_id,
                                               p[heater.I_PROCESS_VISCOSITY], p[heater.I_PROCESS_CP],
                                               p[heater.I_PROCESS_CONDUCTIVITY])
            t_s = fouling.deposit_surface_temp(p[heater.I_PROCESS_OUTLET_TEMP], out[heater.O_RADIANT_FLUX_MAX],
                                               u.tube_od, u.tube_id, out[heater.O_INSIDE_FILM_COEFF])
            c = u.spec.coking
            self.rate[i] = fouling.threshold_fouling_rate(re, pr, t_s, c.alpha, c.activation_energy, c.gamma)
