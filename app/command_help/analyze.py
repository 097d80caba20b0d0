"""`retina-review analyze`'s help (app.commands.analyze), as templates marked for translation."""
from __future__ import annotations

from annotations.wording import QT_TRANSLATE_NOOP

CONTEXT = "AnalyzeHelp"
HELP = QT_TRANSLATE_NOOP("AnalyzeHelp", "run the models on images and write grade, findings, masks, overlays and heat "
                                        "maps")
DESCRIPTION = QT_TRANSLATE_NOOP("AnalyzeHelp", "Analyse fundus photos and OCT scans, on this machine or on a Ray "
                                               "cluster, into an output folder (--out) and/or as the AI results of a "
                                               "workspace's cases (--workspace). Without learned models it still "
                                               "reports quality and field of view.")
INPUTS = QT_TRANSLATE_NOOP("AnalyzeHelp", "image files, or folders whose images (not sub-folders) are analysed")
OUT = QT_TRANSLATE_NOOP("AnalyzeHelp", "where to write the files --outputs names (created if needed)")
OUTPUTS = QT_TRANSLATE_NOOP(
    "AnalyzeHelp", "what to write per image, comma-separated: json (STEM.json: grade, probabilities, referable, "
                   "quality, findings, models with sha256, timings), mask (STEM_mask.png: palette PNG of the image's "
                   "size, pixel = class number 1 MA .. 5 OD, or 32 + the bit-per-class value where classes overlap; "
                   "lossless), overlay (STEM_overlay.jpg: masks over the photo, at most 2048 px), cam (STEM_cam.jpg: "
                   "Grad-CAM over the photo, at most 2048 px), probabilities (STEM_prob_MA.png .. _OD: 8-bit grey maps "
                   "of the image's size, value = round(255 x probability)). Default: json,mask (about 0.1 MB per "
                   "12-megapixel photo)")
WORKSPACE = QT_TRANSLATE_NOOP("AnalyzeHelp", "store each result as the AI result of the image's case in this opened "
                                             "folder, as the window's analysis does (the images must be among its "
                                             "cases); each B-scan of an OCT volume is analysed and stored in its own "
                                             "case, as the window's Analyse all does, and with --out writes its own "
                                             "files, STEM_bNNN.* (oct_b001.json for B-scan 1 of oct.dcm)")
ENGINE = QT_TRANSLATE_NOOP("AnalyzeHelp", "local: this machine, reading, analysing and writing photos side by side; "
                                          "ray: actors on a Ray cluster (pip install 'retina-review[cluster]'), one "
                                          "writer here")
RAY_ADDRESS = QT_TRANSLATE_NOOP("AnalyzeHelp", "the Ray cluster's head, e.g. 10.0.0.5:6379 (default: RAY_ADDRESS, a "
                                               "cluster started on this machine with `ray start`, else a Ray started "
                                               "for this run)")
RAY_WORKERS = QT_TRANSLATE_NOOP("AnalyzeHelp", "Ray actors to start (default: one per GPU of the cluster, else one per "
                                               "2 CPUs); each loads the models once")
RAY_GPUS_PER_WORKER = QT_TRANSLATE_NOOP("AnalyzeHelp", "share of one GPU each Ray actor asks for, 0 to 1 (default: a "
                                                       "whole GPU when the cluster has GPUs; 0.5: two actors per GPU, "
                                                       "for small models on large GPUs; 0: CPU actors only)")
MODEL = QT_TRANSLATE_NOOP("AnalyzeHelp", "a model name, model folder or state-dict checkpoint; repeat for one per task "
                                         "(default: the installed models, one per task)")
ARCH = QT_TRANSLATE_NOOP("AnalyzeHelp", "architecture of a plain .pth checkpoint given with --model, e.g. "
                                        "unet:resnet34")
DEVICE = QT_TRANSLATE_NOOP("AnalyzeHelp", "where models run (default: the program's setting, else auto: CUDA, MPS, "
                                          "CPU)")
TILED = QT_TRANSLATE_NOOP("AnalyzeHelp", "segment with a sliding window at twice the model's resolution (slower; for a "
                                         "lesion model trained so, `train seg --tiled`: the shipped one was not and "
                                         "scores worse tiled)")
CAM_GRADE = QT_TRANSLATE_NOOP("AnalyzeHelp", "DR grade the heat map explains (default: the predicted grade)")
OCT = QT_TRANSLATE_NOOP("AnalyzeHelp", "the images are OCT B-scans (default: decided per image from its name and "
                                       "pixels, as in the window); with --workspace, a case is analysed as the "
                                       "modality saved with it (View > Modality), this option or its image deciding "
                                       "only a case never saved")
PROBABILITIES = QT_TRANSLATE_NOOP("AnalyzeHelp", "also write the probability maps (the same as adding probabilities "
                                                 "to --outputs)")
OVERWRITE = QT_TRANSLATE_NOOP("AnalyzeHelp", "replace files already in DIR that this run did not write (never the "
                                             "input images)")
RESUME = QT_TRANSLATE_NOOP("AnalyzeHelp", "go on with a run that was stopped: skip the images it finished (their "
                                          "JSON, written last, and the files it lists are in --out; with --workspace, "
                                          "their case holds an AI result) and analyse the rest")
