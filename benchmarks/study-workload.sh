# Sourced by the study scripts: the peer's workload (the small 8-layer net with dropout, every treatment at
# n = 1..7, SGD at a constant learning rate of 0.01, the random splits only) at one of three sizes.
# study_sizes SIZE sets SPLITS, TRAIN, TEST (images per class), EPOCHS and BATCH:
#   issue: 4 splits, 250 training / 200 test images per class, 2 epochs, batch 32 (the speed issue's sizes)
#   quick: 8 splits, 600 / 1,000, 12 epochs, batch 64 (the quick preset's sizes)
#   paper: 4 splits, 6,000 / 1,000, 18 epochs, batch 64
# study_args BACKEND WORKERS OUT prints Replication's arguments for that workload at the sizes set.
study_sizes() {
  case "$1" in
    issue) SPLITS=4; TRAIN=250; TEST=200; EPOCHS=2; BATCH=32 ;;
    quick) SPLITS=8; TRAIN=600; TEST=1000; EPOCHS=12; BATCH=64 ;;
    paper) SPLITS=4; TRAIN=6000; TEST=1000; EPOCHS=18; BATCH=64 ;;
    *) echo "size must be one of issue, quick, paper, got '$1'" >&2; exit 2 ;;
  esac
}
study_args() {
  echo "--network small --n 1,2,3,4,5,6,7 --splits $SPLITS --train-per-class $TRAIN --test-per-class $TEST" \
    "--epochs $EPOCHS --batch-size $BATCH --learning-rate 0.01 --schedule constant --dissimilar none" \
    "--backend $1 --workers $2 --out $3"
}
