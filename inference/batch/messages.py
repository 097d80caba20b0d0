"""What a batch analysis says (the workspace it stores results in, a photo it could not finish, the Ray cluster it
runs on, an option it cannot take), as templates (see inference/messages.py): `analyze` prints them in the
interface's language (app.command_words)."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

# {reason}: why the workspace opened read-only (annotations.workspace.messages.READ_ONLY), as an import's refusal
# says it (NOT_IMPORTED_READ_ONLY)
NOT_ANALYSED_READ_ONLY = QT_TRANSLATE_NOOP("BatchMessages", "{folder} is open read-only; nothing was analysed. "
                                                            "{reason}")
NOT_AMONG_CASES = QT_TRANSLATE_NOOP("BatchMessages", "{photos}: not among the cases of {folder}; --workspace takes the "
                                                     "results of that folder's own images")
NOT_A_CASE = QT_TRANSLATE_NOOP("BatchMessages", "{photo}: not a case of the workspace {folder}")
# why a run stopped: its lock taken over by another program (annotations.workspace.lock_renewal), said once, in the
# command line's words (the workspace's own, ReadOnlyReasons' TAKEN_OVER, speak of the window's unsaved edits)
TAKEN_OVER = QT_TRANSLATE_NOOP("BatchMessages", "Another RetinaReview ({holder}) took the workspace {folder} over "
                                                "while this run could not renew its lock (the computer slept or the "
                                                "share was unreachable); no more results are stored there")
TEMPLATES: tuple[str, ...] = (NOT_ANALYSED_READ_ONLY, NOT_AMONG_CASES, NOT_A_CASE, TAKEN_OVER)

# why one photo of the batch failed: inference.batch.photo, ray_engine (after its name: PHOTO_FAILED)
CANNOT_ENCODE = QT_TRANSLATE_NOOP("PhotoErrors", "cannot encode the results ({error})")
NO_RESULT = QT_TRANSLATE_NOOP("PhotoErrors", "no result")
WORKER_FAILED = QT_TRANSLATE_NOOP("PhotoErrors", "the Ray worker failed ({error})")
# {first}, {second}: why each of the two workers stopped (STOP_CAUSES), as the run's lines said it then
WORKER_LOST = QT_TRANSLATE_NOOP("PhotoErrors", "the Ray workers analysing it stopped twice (1: {first}; 2: {second}): "
                                               "it may be what stops them")
WORKER_LOST_ALIKE = QT_TRANSLATE_NOOP("PhotoErrors", "the Ray workers analysing it stopped twice (both: {cause}): it "
                                                     "may be what stops them")  # one cause, said once
PHOTO_ERRORS: tuple[str, ...] = (CANNOT_ENCODE, NO_RESULT, WORKER_FAILED, WORKER_LOST, WORKER_LOST_ALIKE)
# why a worker stopped, in a photo's WORKER_LOST: Ray's memory monitor stopped it, Ray's words
# (ray_shard.death_cause), or none
STOPPED_OUT_OF_MEMORY = QT_TRANSLATE_NOOP("RayStops", "the memory of its machine ran out (Ray stopped it)")
STOPPED_SAYING = QT_TRANSLATE_NOOP("RayStops", "Ray says: {cause}")
STOPPED_UNSAID = QT_TRANSLATE_NOOP("RayStops", "Ray gives no cause (a crash, memory running out, or its machine lost)")
STOP_CAUSES: tuple[str, ...] = (STOPPED_OUT_OF_MEMORY, STOPPED_SAYING, STOPPED_UNSAID)

# a photo that failed, by its name (inference.batch.photo.source_name): each on its own line (inference.batch.results)
PHOTO_FAILED = QT_TRANSLATE_NOOP("BatchFailures", "{image}: {reason}")  # the analysis' own error, or PHOTO_ERRORS
CANNOT_WRITE_RESULT = QT_TRANSLATE_NOOP("BatchFailures", "{image}: cannot write to {folder} ({error})")
CANNOT_STORE_RESULT = QT_TRANSLATE_NOOP("BatchFailures", "{image}: cannot store the result in the workspace ({error})")
# the photo whose store found the workspace taken over: TAKEN_OVER, printed after the failures, names who took it
NOT_STORED_TAKEN_OVER = QT_TRANSLATE_NOOP("BatchFailures", "{image}: the result was not stored, the workspace being "
                                                           "taken over (below)")
FAILURES: tuple[str, ...] = (PHOTO_FAILED, CANNOT_WRITE_RESULT, CANNOT_STORE_RESULT, NOT_STORED_TAKEN_OVER)

# what refuses a run before it starts (inference.outputs: inference/messages.py), and how a Ray cluster runs it:
# inference.batch.resume, ray_engine, ray_workers, ray_shard, ray_driver, worker_plan
RUN_CONTEXT = "BatchRun"
NEEDS_JSON = QT_TRANSLATE_NOOP("BatchRun", "--resume tells a finished image by its JSON, which is written last: add "
                                           "json to --outputs, or analyse into a new --out folder")
NO_RAY = QT_TRANSLATE_NOOP("BatchRun", "the Ray engine needs Ray, which is not installed: pip install "
                                       "'retina-review[cluster]' (or pip install 'ray[default]') on this machine and "
                                       "on every machine of the cluster")
NO_TOKEN = QT_TRANSLATE_NOOP("BatchRun", "{error}; if the cluster uses token authentication (from Ray 2.59 `ray "
                                         "start` turns it on where the head has a token), set RAY_AUTH_MODE=token on "
                                         "this machine, always, and give it the head's token: RAY_AUTH_TOKEN=TOKEN, or "
                                         "the head's ~/.ray/auth_token copied here (`ray get-auth-token` on the head "
                                         "prints it)")
CANNOT_REACH = QT_TRANSLATE_NOOP("BatchRun", "cannot reach a Ray cluster at {address} ({reason}): is its head started "
                                             "(`ray start --head`), and its port open to this machine?")
# {file}: where `ray start --head` on this machine left its address for a run given none (Ray's ray_current_cluster)
CANNOT_REACH_RECORDED = QT_TRANSLATE_NOOP("BatchRun", "cannot reach the Ray cluster started on this machine at "
                                                      "{address} ({reason}; its address is kept in {file}): it has "
                                                      "stopped without `ray stop`. Start it again (`ray start "
                                                      "--head`), or run `ray stop` for the run to start a Ray of its "
                                                      "own")
NOT_A_WORKER_COUNT = QT_TRANSLATE_NOOP("BatchRun", "{count} is not a number of workers: give 1 or more (without "
                                                   "--ray-workers, one per GPU of the cluster, else one per 2 CPUs)")
NOT_A_GPU_SHARE = QT_TRANSLATE_NOOP("BatchRun", "{share} is not a share of one GPU between 0 and 1 (e.g. 0.5: two "
                                                "workers per GPU)")
NO_GPUS_TO_SHARE = QT_TRANSLATE_NOOP("BatchRun", "{share} GPU per worker was asked for, but the Ray cluster has no "
                                                 "GPUs (leave out --ray-gpus-per-worker)")
NO_GPU_SHARE = QT_TRANSLATE_NOOP("BatchRun", "device {device} was asked for, but --ray-gpus-per-worker 0 gives the "
                                             "workers none (use --device auto or cpu)")
NO_GPUS_FOR_DEVICE = QT_TRANSLATE_NOOP("BatchRun", "device {device} was asked for, but the Ray cluster has no GPUs "
                                                   "(use --device auto or cpu)")
RAY_WAITING = QT_TRANSLATE_NOOP("BatchRun", "waiting for room on the Ray cluster: {waiting} of the workers asked for "
                                            "({workers}) cannot be placed yet, as {cpus} CPU(s) and {gpus} GPU(s) are "
                                            "free (other work holds the rest); the run starts once one is placed")
RAY_CLUSTER = QT_TRANSLATE_NOOP("BatchRun", "Ray cluster: {cpus} CPU(s), {gpus} GPU(s); {workers} on {devices}")
# the workers a run goes on without (each line says how many go on)
WORKERS_LEFT_OUT = QT_TRANSLATE_NOOP("BatchRun", "{late} of the Ray workers were not placed within {minutes} min and "
                                                 "are left out; {working} go on")
WORKER_STOPPED = QT_TRANSLATE_NOOP("BatchRun", "a Ray worker stopped (a crash, memory running out, or its machine "
                                               "lost): its photos go to the other workers while Ray starts it again")
# the same, with why Ray says it stopped (ray_shard.death_cause: its words, e.g. "The actor is dead because its worker
# process has died. Worker exit type: SYSTEM_ERROR …"); Ray says so of a worker it will not start again, its restarts
# run out (Ray 2.30 and later call one it starts again unavailable, without a cause): WORKER_BACK says if it does
WORKER_STOPPED_SAYING = QT_TRANSLATE_NOOP("BatchRun", "a Ray worker stopped (Ray says: {cause}): its photos go to the "
                                                      "other workers")
# the same, where Ray's memory monitor stopped it (ray.exceptions.OutOfMemoryError: its text, lines of the machine's
# memory figures and Ray's advice, is left to Ray's logs)
WORKER_OUT_OF_MEMORY = QT_TRANSLATE_NOOP("BatchRun", "a Ray worker stopped, the memory of its machine running out (Ray "
                                                     "stopped it): its photos go to the other workers")
WORKER_BACK = QT_TRANSLATE_NOOP("BatchRun", "a Ray worker started again; {working} of {count} working")
WORKER_GONE = QT_TRANSLATE_NOOP("BatchRun", "a Ray worker stopped and could not be started again; {working} of "
                                            "{count} go on")
# why a Ray run stopped before its end (the summary then says how to go on: --resume)
NO_WORKERS_LEFT = QT_TRANSLATE_NOOP("BatchRun", "no Ray worker is left: each stopped and could not be started again "
                                                "(Ray's logs on the cluster's machines say why)")
NO_MEMORY_LEFT = QT_TRANSLATE_NOOP("BatchRun", "no Ray worker is left: Ray stopped them as the memory of their "
                                               "machines ran out (fewer workers, --ray-workers, need less)")
# the same where some stopped for memory and the others otherwise (ray_workers.WorkerPool.none_left)
SOME_FOR_MEMORY = QT_TRANSLATE_NOOP("BatchRun", "no Ray worker is left: Ray stopped {memory} of them as the memory of "
                                                "their machines ran out (fewer workers, --ray-workers, need less), and "
                                                "{others} stopped otherwise and could not be started again (Ray's logs "
                                                "on the cluster's machines say why)")
CLUSTER_LOST = QT_TRANSLATE_NOOP("BatchRun", "the connection to the Ray cluster was lost (Ray ended the process that "
                                             "drove the run, status {status}): the cluster stopped, or this machine "
                                             "left it")
RUN_TEMPLATES: tuple[str, ...] = (NEEDS_JSON, NO_RAY, NO_TOKEN, CANNOT_REACH, CANNOT_REACH_RECORDED,
                                  NOT_A_WORKER_COUNT, NOT_A_GPU_SHARE,
                                  NO_GPUS_TO_SHARE, NO_GPU_SHARE, NO_GPUS_FOR_DEVICE, RAY_WAITING, RAY_CLUSTER,
                                  WORKERS_LEFT_OUT, WORKER_STOPPED, WORKER_STOPPED_SAYING, WORKER_OUT_OF_MEMORY,
                                  WORKER_BACK, WORKER_GONE, NO_WORKERS_LEFT, NO_MEMORY_LEFT, SOME_FOR_MEMORY,
                                  CLUSTER_LOST)

# the Ray actors a batch starts (RAY_CLUSTER's {workers}): inference.batch.worker_plan
CPU_WORKERS = QT_TRANSLATE_NOOP("RayWorkers", "{count} worker(s) of {cpus} CPU(s)")
GPU_WORKERS = QT_TRANSLATE_NOOP("RayWorkers", "{count} worker(s) of {cpus} CPU(s) and {gpus} GPU")
WORKERS: tuple[str, ...] = (CPU_WORKERS, GPU_WORKERS)
