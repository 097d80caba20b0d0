"""`python -m app.torchrun [torchrun's options] -m app.cli train …`: torchrun, ending as the program's commands end.

torchrun takes any exit of a process other than 0 (a refusal's 2, a stop's 143) for a failure of the launch: it ends
the other processes, prints its ChildFailedError traceback with a table of the processes (some 40 lines) and exits 1,
the status of a run partly done (annotations.command_end); a SIGTERM to torchrun itself likewise, with its
SignalException. The processes have said why already (rank 0 the refusal, or "stopped: … --resume"), so this runs
torchrun's own launcher with the same options and ends with the first process's status that the program chose, else
the signal's that ended one (the OOM killer's: 137), or 128 + the signal that stopped torchrun, with no traceback. The
processes torchrun stopped after the first ended (SIGTERM: 143, as the program ends on it, or by the signal) do not
count: counted, a launch whose rank the OOM killer ended said 143, as if a scheduler had stopped it.

Several processes get one OpenMP thread each, as torchrun gives them, set here: torchrun, setting it, prints a
4-line banner on a setting the user never made ("Setting OMP_NUM_THREADS environment variable for each process …").
"""
from __future__ import annotations

import logging
import os
import signal
import sys
from typing import Sequence

# its lines on how it ends the processes: the table's, said above; "failed (exitcode: 2) local_rank: 0 …", an error
# line, says what the status this ends with says
LAUNCHER_LOGS = "torch.distributed.elastic"
STOPPED_BY_TORCHRUN = (128 + signal.SIGTERM, -signal.SIGTERM)  # the exit of a process stopped with SIGTERM


def main(argv: Sequence[str] | None = None) -> int:
    from torch.distributed.elastic.multiprocessing.api import SignalException
    from torch.distributed.elastic.multiprocessing.errors import ChildFailedError
    from torch.distributed.run import determine_local_world_size, parse_args, run

    for name in [LAUNCHER_LOGS, *logging.root.manager.loggerDict]:  # each of its modules' loggers has its own level
        if name.startswith(LAUNCHER_LOGS):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    options = parse_args(list(sys.argv[1:] if argv is None else argv))
    if "OMP_NUM_THREADS" not in os.environ and determine_local_world_size(options.nproc_per_node) > 1:
        os.environ["OMP_NUM_THREADS"] = "1"  # torchrun's own choice, which the processes inherit, without its banner
    try:
        run(options)
    except ChildFailedError as failed:
        first = min(failed.failures.values(), key=lambda failure: (failure.exitcode in STOPPED_BY_TORCHRUN,
                                                                   failure.exitcode < 0, failure.timestamp))
        return first.exitcode if first.exitcode > 0 else 128 - first.exitcode  # ended by signal N: -N
    except SignalException as stop:
        return 128 + int(stop.sigval)
    return 0


if __name__ == "__main__":
    sys.exit(main())
