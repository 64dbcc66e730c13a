"""Delivered dose and coach capacity from the outside: the warning of `coachsim run` when coaches lack
the hours the contact schedule needs (scenarios/contrasts/under_resourced.toml), none for the default
scenario, and the dose and capacity outputs in the results file."""
import json
import re

import numpy as np
import xarray as xr

from conftest import run_coachsim

WARNING = re.compile(r"coachsim: warning: coaches lack hours for the contact schedule: arm 'coached' received "
                     r"(?P<delivered>[0-9.]+) contacts per patient-week of (?P<scheduled>[0-9.]+) scheduled "
                     r"\((?P<share>[0-9.]+)%, below output.delivery_warning_share = 80.0%\); the schedule needs "
                     r"(?P<needed>[0-9.]+) coach hours a week and the coaches have (?P<available>[0-9.]+)")


def test_under_resourced_coaches_get_a_warning_with_the_figures(coachsim_bin, tmp_path):
    result = run_coachsim(coachsim_bin, "run", "scenarios/contrasts/under_resourced.toml", "--replicates", 20,
                          "-o", tmp_path / "r.h5", "--summary-json", tmp_path / "s.json")
    match = WARNING.search(result.stderr)
    assert match, result.stderr
    summary = json.loads((tmp_path / "s.json").read_text())
    coached = summary["arms"]["coached"]
    assert float(match["delivered"]) == round(coached["contacts_delivered_per_patient_week"], 2)
    assert float(match["scheduled"]) == round(coached["contacts_scheduled_per_patient_week"], 2)
    assert float(match["scheduled"]) > 1.0  # a call a week and the in-person contacts
    assert float(match["share"]) < 50.0
    assert float(match["needed"]) > 2 * float(match["available"])
    assert "warning" not in result.stdout


def test_the_default_scenario_prints_no_warning(coachsim_bin, tmp_path):
    result = run_coachsim(coachsim_bin, "run", "--replicates", 5, "-o", tmp_path / "d.h5")
    assert "warning" not in result.stderr
    assert "contacts per patient-week in coaching, coached:" in result.stdout


def test_dose_and_capacity_outputs_are_in_the_results_file(coachsim_bin, tmp_path):
    run_coachsim(coachsim_bin, "run", "scenarios/contrasts/weekly_then_monthly.toml", "--replicates", 20,
                 "-o", tmp_path / "p.h5")
    with xr.open_dataset(tmp_path / "p.h5", engine="h5netcdf") as ds:
        for name in ("contacts_scheduled_phone", "contacts_scheduled_in_person", "contacts_scheduled_group",
                     "patients_in_coaching", "patients_waiting"):
            assert ds[name].dims == ("replicate", "arm", "week"), name
        for name in ("coach_hours_used", "coach_hours_scheduled", "coach_hours_available"):
            assert ds[name].dims == ("replicate", "week"), name
            assert ds[name].attrs["units"] == "hours/week"
        for name in ("contacts_scheduled_per_patient_week", "contacts_delivered_per_patient_week", "delivered_share"):
            assert ds[name].dims == ("replicate", "arm"), name
        coached = ds.sel(arm="coached").sum("replicate")
        per_patient = coached.contacts_scheduled_phone / coached.patients_in_coaching
        # Week w records step w - 1: weekly calls through step 7, a call a month from step 8.
        np.testing.assert_allclose(per_patient.sel(week=8), 1.0)
        np.testing.assert_allclose(per_patient.sel(week=9), 12 / 52)
        in_person = coached.contacts_scheduled_in_person / coached.patients_in_coaching
        np.testing.assert_allclose(in_person.sel(week=1), 1.0)  # the session of week 0
        assert float(in_person.sel(week=2)) == 0.0
        # Delivered calls follow the schedule down at the boundary (patient-initiated calls do not).
        delivered = coached.contacts_phone / coached.patients_in_coaching
        assert float(delivered.sel(week=slice(5, 8)).mean()) > 2 * float(delivered.sel(week=slice(9, 12)).mean())
        assert float(ds.coach_hours_available.sel(week=0).max()) == 0.0
