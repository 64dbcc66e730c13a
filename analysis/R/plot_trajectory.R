#!/usr/bin/env Rscript
# HbA1c over time by arm from a coachsim results file (coachsim run), with base R graphics and hdf5r.
#
#   Rscript analysis/R/plot_trajectory.R RESULTS.h5 [OUT.png] [VARIABLE]
#
# OUT.png defaults to hba1c_trajectory.png next to RESULTS.h5; VARIABLE defaults to hba1c_true_mean (any
# (replicate, arm, week) variable works, e.g. hba1c_measured_mean). Draws the mean across replicates per arm with
# the 2.5-97.5 percentile band across replicates and marks the trial follow-up week. Colours: Okabe-Ito.
#
# hdf5r returns arrays with the dimensions reversed (R is column-major): the file's (replicate, arm, week) variable
# arrives as [week, arm, replicate].

suppressPackageStartupMessages(library(hdf5r))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1 || args[1] %in% c("-h", "--help")) {
  cat("usage: Rscript plot_trajectory.R RESULTS.h5 [OUT.png] [VARIABLE]\n")
  quit(status = if (length(args) < 1) 2 else 0)
}
path <- args[1]
out <- if (length(args) >= 2) args[2] else file.path(dirname(path), "hba1c_trajectory.png")
variable <- if (length(args) >= 3) args[3] else "hba1c_true_mean"

if (!file.exists(path)) stop("no such file: ", path)
f <- H5File$new(path, mode = "r")
on.exit(f$close_all(), add = TRUE)

conventions <- h5attr(f, "Conventions")
if (!identical(conventions, "coachsim-1")) {
  stop(path, ": Conventions is '", conventions, "'; this script reads single-run files (coachsim-1)")
}
if (!f$exists(variable)) stop(path, " has no variable ", variable)

ds <- f[[variable]]
x <- ds$read()                      # [week, arm, replicate]
units <- if ("units" %in% h5attr_names(ds)) h5attr(ds, "units") else ""
long_name <- if ("long_name" %in% h5attr_names(ds)) h5attr(ds, "long_name") else variable
arms <- f[["arm"]]$read()
weeks <- f[["week"]]$read()
followup <- h5attr(f, "followup_week")
scenario <- h5attr(f, "scenario_file")
seed <- h5attr(f, "seed")
n_rep <- dim(x)[3]

mean_by_arm <- apply(x, c(1, 2), mean, na.rm = TRUE)                                  # [week, arm]
lo_by_arm <- apply(x, c(1, 2), quantile, probs = 0.025, na.rm = TRUE, names = FALSE)
hi_by_arm <- apply(x, c(1, 2), quantile, probs = 0.975, na.rm = TRUE, names = FALSE)

okabe_ito <- c("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000")
colours <- rep(okabe_ito, length.out = length(arms))
line_types <- rep(c(1, 2, 4, 3, 5, 6), length.out = length(arms))
band <- function(colour) grDevices::adjustcolor(colour, alpha.f = 0.22)

png(out, width = 7, height = 4.6, units = "in", res = 200, pointsize = 11)
par(mar = c(5.5, 4.6, 4.2, 1), mgp = c(2.6, 0.8, 0), las = 1)
ylim <- range(c(lo_by_arm, hi_by_arm), na.rm = TRUE)
plot(NA, xlim = range(weeks), ylim = ylim, xaxs = "i",
     xlab = "Time since enrolment (weeks)",
     ylab = sprintf("%s%s", paste0(toupper(substring(long_name, 1, 1)), substring(long_name, 2)),
                    if (nzchar(units)) sprintf(" (%s)", units) else ""),
     main = "", bty = "l")
grid(col = "grey88", lty = 1)
for (a in seq_along(arms)) {
  polygon(c(weeks, rev(weeks)), c(lo_by_arm[, a], rev(hi_by_arm[, a])), col = band(colours[a]), border = NA)
}
for (a in seq_along(arms)) {
  lines(weeks, mean_by_arm[, a], col = colours[a], lty = line_types[a], lwd = 2.4)
}
abline(v = followup, col = "grey35", lty = 3, lwd = 1.6)
mtext(sprintf("follow-up (week %d)", as.integer(followup)), side = 3, line = 0.2, at = followup,
      adj = if (followup > 0.85 * max(weeks)) 1 else 0.5, cex = 0.85, col = "grey35")
legend("topright", legend = gsub("_", " ", arms), col = colours, lty = line_types, lwd = 2.4,
       fill = sapply(colours, band), border = NA, bty = "o", box.col = NA,
       bg = grDevices::adjustcolor("white", alpha.f = 0.85), title = "arm", seg.len = 2.5)
title(main = sprintf("HbA1c by arm\n%s \u00b7 seed %s \u00b7 %d replicates", scenario, format(seed, scientific = FALSE),
                     n_rep), line = 1.6, font.main = 1, cex.main = 1.05)
mtext(sprintf("lines: mean of %d replicates; shading: 95%% range across replicates (drawn with R/hdf5r)", n_rep),
      side = 1, line = 4.2, cex = 0.8, col = "grey25")
invisible(dev.off())
cat(out, "\n", sep = "")
