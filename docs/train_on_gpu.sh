#!/usr/bin/env bash
# The lesion network trained on a lent GPU machine (the tool `device`: one call, ~15 minutes of device time in all)
# and brought back through $OUT. That machine has torch, timm, opencv and lxml but neither the project's venv nor
# ../shared, so the photos and the three missing packages (smp, platformdirs, and pycocotools, which the command line
# imports with the label formats) travel in ignored folders of the checkout.
#   here, once:  bash docs/train_on_gpu.sh prepare
#   there:       the tool's run with carry [".whl", ".device-data"], timeout_s 600,
#                command "bash docs/train_on_gpu.sh run"; $OUT/model comes back (model.json, model.safetensors)
#   continuing the shipped network instead of starting from scratch (what session 39's run suggests, docs/models.md
#   "The first lent GPU's run"): INIT=resources/models/idrid-lesions LR=0.0003 before "bash docs/train_on_gpu.sh run";
#   KEEP=EX,HE with INIT keeps what that network draws of those classes (--keep-classes; KEEP_FACTOR, default 10,
#   its --keep-factor)
#   smoke test here, a few CPU steps:
#                OUT=/tmp/gpu-out DEVICE=cpu WORKERS=1 BATCH=2 STEPS=4 MINUTES=6 PYTHON=.venv/bin/python \
#                bash docs/train_on_gpu.sh run
# What to do with the model that comes back: docs/models.md, "Training on a lent GPU".
# A call cut off at its time limit still brings back what $OUT holds, $OUT/model/.checkpoint (its last finished epoch)
# among it (not yet tried there): here, the run's train command with --epochs N (its log says N), --out naming that
# folder, --resume --finish writes the model of that checkpoint.
set -euo pipefail
cd "$(dirname "$0")/.."

prepare() {
  rm -rf .device-data .whl
  mkdir -p .device-data .whl
  cp -r ../shared/data/idrid-seg .device-data/
  version() { .venv/bin/python -c "import importlib.metadata as m; print(m.version('$1'))"; }
  .venv/bin/python -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux2014_x86_64 -d .whl "segmentation-models-pytorch==$(version segmentation-models-pytorch)" \
    "platformdirs==$(version platformdirs)" "pycocotools==$(version pycocotools)"
  du -sh .device-data .whl
}

run() {
  : "${OUT:?set OUT: the folder whose files come back}"
  local python=${PYTHON:-python3} wheels=()
  rm -rf /tmp/site  # an earlier run's packages, perhaps for another Python, would come first on the path
  for wheel in .whl/*.whl; do  # what this Python lacks: all three there; none for the smoke test here (its venv's)
    $python -c "import $(basename "$wheel" | cut -d- -f1)" 2>/dev/null || wheels+=("$wheel")
  done
  if ((${#wheels[@]})); then
    $python -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site \
      "${wheels[@]}"
  fi
  export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1
  nvidia-smi -L 2>/dev/null || true
  # The recipe of run ex-v4 (docs/models.md, session 29: the continuation that gained SE and HE most), from scratch
  # unless INIT names a model folder to continue, with the GPU's steps: the shipped network (MobileNetV3-small U-Net),
  # batches of 32 crops of 256 px at its 1536 px input (a step's fixed costs stay small beside 32 crops), Ben Graham
  # preprocessing.
  $python -m app.cli train seg --data .device-data/idrid-seg --splits resources/splits/idrid-seg --out "$OUT/model" \
    --encoder tu-mobilenetv3_small_100 --size 1536 --crop 256 --batch-size "${BATCH:-32}" --lr "${LR:-0.001}" \
    --steps-per-epoch "${STEPS:-250}" --minutes "${MINUTES:-8}" \
    --dice-weights MA=0.3,HE=2.5,EX=1.0,SE=1.0 --ben-graham --device "${DEVICE:-cuda}" --workers "${WORKERS:-15}" \
    --seed 0 --name idrid-lesions ${INIT:+--init-from "$INIT"} \
    ${KEEP:+--keep-classes "$KEEP" --keep-factor "${KEEP_FACTOR:-10}"} \
    --licence 'IDRiD images and masks: CC BY 4.0 (Porwal et al. 2018, doi:10.21227/H25W98)' 2>&1 | tee "$OUT/train.log"
}

case "${1:-}" in
  prepare|run) "$1" ;;
  *) echo "usage: bash docs/train_on_gpu.sh prepare|run" >&2; exit 2 ;;
esac
