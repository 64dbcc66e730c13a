#!/usr/bin/env python3
"""Prints one digest line per HDF5 dataset (path, dtype, shape, SHA-256 of the values) and per
attribute, leaving out what legitimately differs between two runs of the same input: wall-clock
times, host names, build and run provenance. Two files with equal digests hold bit-identical
results.

    dataset_digest.py FILE.h5
"""
import hashlib
import sys

import h5py
import numpy as np

# Attributes that record when, where and by which build a file was written, not what it holds.
VOLATILE_ATTRIBUTES = {
    "start_time", "end_time", "wall_seconds", "host", "threads", "git_commit", "version", "compiler",
    "build_type", "command_line", "created", "hdf5_version", "coachsim_version",
}


def digest_value(value):
    array = np.asarray(value)
    if array.dtype.kind in "OSU":
        text = repr(array.tolist()).encode()
    else:
        text = np.ascontiguousarray(array).tobytes()
    return hashlib.sha256(text).hexdigest()[:16]


def main(path):
    lines = []

    def visit(name, obj):
        for key, value in sorted(obj.attrs.items()):
            if key in VOLATILE_ATTRIBUTES or key in ("DIMENSION_LIST", "REFERENCE_LIST"):
                continue
            lines.append(f"attr /{name}@{key} {digest_value(value)}")
        if isinstance(obj, h5py.Dataset):
            lines.append(f"data /{name} {obj.dtype} {obj.shape} {digest_value(obj[()])}")

    with h5py.File(path, "r") as f:
        visit("", f)
        f.visititems(visit)
    print("\n".join(sorted(lines)))


if __name__ == "__main__":
    main(sys.argv[1])
