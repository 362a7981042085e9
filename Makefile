# `make run` serves API + worker + beat on embedded defaults; `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite talks to the machine's real PostgreSQL and Redis unless told otherwise.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/monolith
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# The suite runs in two processes (pytest-xdist; each has its own test database, Redis database and media folder,
# tests/xdist_env.py), a file's tests in one process; TEST_WORKERS=0 runs it in this one.
TEST_WORKERS ?= 2

.PHONY: install run test lint bench bench-api bench-quality bench-garments train-garments bench-admin bench-throughput soak clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input --verbosity 0
	@mkdir -p var && $(PY) manage.py seed_demo --base-url http://$(HOST):$(PORT) > var/run-banner.txt && cat var/run-banner.txt
	HOST=$(HOST) PORT=$(PORT) $(PY) scripts/serve.py

# Lint first (seconds), then the suite.
test: lint
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Lint and format check (ruff, configured in pyproject.toml); `ruff format` rewrites what the check flags.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: bench-api bench-quality bench-garments

bench-api: install
	$(PY) bench/api.py

bench-quality: install
	$(PY) bench/quality.py

bench-garments: install
	$(PY) bench/garments.py

# Seeds (once) a `bench_admin` database beside DATABASE_URL's with production volumes, then times the admin pages.
bench-admin: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} nice -n 10 $(PY) bench/admin.py

# The whole service (make run's stack, on DATABASE_URL / REDIS_URL when set) beside bare trafilatura, same pages.
bench-throughput: install
	nice -n 10 $(PY) bench/throughput.py $(BENCH_ARGS)

# Retrains workflows/studio/garments/garment_parser.onnx and garment_parser_lite.onnx (the ensemble's second
# parser, EfficientNet-Lite0 encoder from the train extra's ImageNet weights) from ../shared/data/garments-{train,dev}
# on the CPU (seeded; prints the validation table per epoch and the wall time). Installs the `train` extra first.
train-garments: install
	$(PY) -m pip install --quiet -e ".[train]"
	nice -n 10 $(PY) training/train_garments.py
	OMP_NUM_THREADS=1 nice -n 10 $(PY) training/train_garments.py --threads 1 --arch lite0 --size 192x288 --lr 2e-3 --encoder-lr 0.5 \
		--epochs 30 --max-minutes 72 --seed 19 --keep 4 --out workflows/studio/garments/garment_parser_lite.onnx \
		--checkpoint /tmp/garments_parser_lite.pt --keep-dir /tmp/garments_parser_lite_best
	OMP_NUM_THREADS=1 nice -n 10 $(PY) training/train_garments.py --threads 1 --arch lite0 \
		--init-onnx workflows/studio/garments/garment_parser_lite.onnx --size 256x384 --lr 1e-3 --encoder-lr 0.5 \
		--class-boost shoes:1.5,bag:1.2 --epochs 16 --max-minutes 60 --seed 20 --keep 4 \
		--out workflows/studio/garments/garment_parser_lite.onnx --checkpoint /tmp/garments_parser_lite256.pt \
		--keep-dir /tmp/garments_parser_lite256_best
	OMP_NUM_THREADS=1 nice -n 10 $(PY) training/train_garments.py --threads 1 --arch lite0 \
		--init-onnx workflows/studio/garments/garment_parser_lite.onnx --size 320x480 --lr 4e-4 --encoder-lr 0.5 \
		--class-boost shoes:1.5,bag:1.2 --epochs 20 --max-minutes 84 --seed 25 --keep 4 \
		--out workflows/studio/garments/garment_parser_lite.onnx --checkpoint /tmp/garments_parser_lite320.pt \
		--keep-dir /tmp/garments_parser_lite320_best
	OMP_NUM_THREADS=1 nice -n 10 $(PY) training/train_garments.py --threads 1 --arch lite0 \
		--init-onnx workflows/studio/garments/garment_parser_lite.onnx --size 320x480 --lr 2.5e-4 --encoder-lr 0.5 \
		--class-boost top:1.3,shoes:1.5,bag:1.2 --epochs 16 --max-minutes 87 --seed 26 --keep 4 \
		--out /tmp/garments_parser_lite320b.onnx --checkpoint /tmp/garments_parser_lite320b.pt \
		--keep-dir /tmp/garments_parser_lite320b_best
	cp /tmp/garments_parser_lite320b_best/garment_parser_last.onnx workflows/studio/garments/garment_parser_lite.onnx

soak: install
	$(PY) bench/soak.py

clean:
	rm -rf var .pytest_cache
