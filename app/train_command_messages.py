"""What `train` prints on the console, as templates marked for translation (context "TrainCommand"): said in the
interface's language (app.command_words), as `analyze` says its own. What inference/ says (a data set, model or
checkpoint refused, a note on the data, a candidates run's lines) is its own (inference.training.messages); the
figures of a segmentation model are app.segmentation_lines'; the metrics' names stay as the card writes them."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "TrainCommand"
# why a run does not start
CANDIDATES_OPTIONS = QT_TRANSLATE_NOOP("TrainCommand", "{options}: options of `train candidates`; a {task} run trains "
                                                       "a network (leave them out)")
NETWORK_OPTIONS = QT_TRANSLATE_NOOP("TrainCommand", "{options}: options of a network's run; a candidates model is a "
                                                    "patch classifier trained anew for --steps from --seed (leave "
                                                    "them out)")
BLEND_MEMBER_ALONE = QT_TRANSLATE_NOOP("TrainCommand", "--blend-member needs --blend-with, the lesion model that holds "
                                                       "the member")
OUT_NOT_EMPTY = QT_TRANSLATE_NOOP("TrainCommand", "{folder} is not empty; give --overwrite to replace the model there")
BAD_DICE_WEIGHT = QT_TRANSLATE_NOOP("TrainCommand", "--dice-weights entry {entry} is not CLASS=NUMBER (classes MA, HE, "
                                                    "EX, SE, OD)")
NOT_A_SIZE = QT_TRANSLATE_NOOP("TrainCommand", "{text} is not a size such as 50G, 800M or 1T")  # --cache-limit, as
# the command line is parsed ({text}: the value as typed, quoted)

# how a run ends before its model is written
STOPPED = QT_TRANSLATE_NOOP("TrainCommand", "stopped: {folder} keeps the checkpoint of the last epoch finished; the "
                                            "same command with --resume continues from it")
# a --minutes run stopped: --resume refuses --minutes (it sizes a new run), so the epochs the minutes held are named
STOPPED_SIZED = QT_TRANSLATE_NOOP("TrainCommand", "stopped: {folder} keeps the checkpoint of the last epoch finished; "
                                                  "the same command with --epochs {epochs} --resume in place of "
                                                  "--minutes {minutes} continues from it")
# stopped before its first epoch ended, over an earlier run's checkpoint (--overwrite): --resume would continue that
STOPPED_BEFORE_EPOCH = QT_TRANSLATE_NOOP("TrainCommand", "stopped before this run finished an epoch: the checkpoint "
                                                         "in {folder} is an earlier run's, not this one's; the same "
                                                         "command starts this run again")
CHECKPOINT_STAYS = QT_TRANSLATE_NOOP("TrainCommand", "the last checkpoint stays (--resume continues from it)")  # a
# clause after why a file could not be written

# what the run did
MODEL = QT_TRANSLATE_NOOP("TrainCommand", "model: {folder} ({steps} steps, {seconds} s, {rate} images/s)")
SIZED = QT_TRANSLATE_NOOP("TrainCommand", "{minutes} minutes hold {epochs} epoch(s) of {steps} steps")  # --minutes
TIMING = QT_TRANSLATE_NOOP("TrainCommand", "{command}: timing the steps")  # the progress bar's label meanwhile
SAVED = QT_TRANSLATE_NOOP("TrainCommand", "saved {folder}")  # training's last progress text (inference.training.run)
