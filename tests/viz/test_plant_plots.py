"""Timeline picture of a heater-fleet run (viz/plant_plots.py)."""

import dataclasses

from plants.heater_fleet import simulate
from tests.twins.conftest import EXAMPLES
from twins.plant import load_plant
from twins.plant_report import write_fleet
from viz.plant_plots import plot_heater_fleet


def test_timeline_png(tmp_path, read_png, colourful):
    spec = dataclasses.replace(load_plant(EXAMPLES / "refinery_heater_fleet.toml"), horizon_hours=2400.0)
    store = tmp_path / "fleet.h5"
    write_fleet(simulate(spec), store, name="fleet", source="test", currency="EUR")
    (path,) = plot_heater_fleet(store, tmp_path)
    (width, height), rgb = read_png(path)
    assert (width, height) == (1210, 1430)
    assert colourful(rgb) > 0.15  # stacked charge, heater lines and state bars are coloured
