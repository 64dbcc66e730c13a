#pragma once
// The weekly step, read top to bottom like the model brief: contact, coaching effects,
// resource seeking and providers, clinical dynamics, coach load and attrition, engagement.
#include "models/state.hpp"
#include "sim/engine/schedule.hpp"

namespace coachsim {

sim::Schedule<World> weekly_schedule();

}  // namespace coachsim
