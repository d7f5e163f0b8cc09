"""Training throughput of kgan's DCGAN against hand-written training steps of the same networks.

Contenders, timed in one process on the same batch and the same random data:

- `kgan`: `kgan.models.DCGAN` trained with `fit` (the kgan engine).
- `keras_baseline`: a minimal keras-io style subclassed `keras.Model` with two
  optimizers and its own `train_step` (GradientTape on TensorFlow, a stateless
  step on JAX), on the very same network builders.
- `torch` (`--torch` alone, or added with `--compare-torch`): the pytorch/examples
  DCGAN, re-implemented here, in its best eager setting (CUDA, channels_last,
  cudnn.benchmark, fused Adam, bf16/fp16 autocast under the mixed policies).

Every contender does the work of the reference step: one generator forward per
step; the discriminator steps on the detached fake; the generator steps by
back-propagating through that same fake, scored by the freshly updated
discriminator. Repetitions alternate between contenders (ABBA order) after a
warm-up, and medians are reported.

Usage (from the repository root):

    KERAS_BACKEND=tensorflow .venv/bin/python benchmarks/train_throughput.py --batch-size 64
    KERAS_BACKEND=jax python3 benchmarks/train_throughput.py --precision mixed_bfloat16 --compare-torch
    python3 benchmarks/train_throughput.py --torch --precision mixed_bfloat16
"""
import argparse
import contextlib
import json
import os
import platform
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRECISIONS = ("float32", "mixed_bfloat16", "mixed_float16")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="The Keras backend is taken from KERAS_BACKEND (default tensorflow).")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--steps", type=int, default=10, help="training steps per timed repetition")
    parser.add_argument("--warmup", type=int, default=3, help="untimed steps per contender before timing")
    parser.add_argument("--repeats", type=int, default=5, help="timed repetitions per contender")
    parser.add_argument("--precision", choices=PRECISIONS, default="float32")
    parser.add_argument("--image-size", type=int, default=64)
    parser.add_argument("--latent-dim", type=int, default=100)
    parser.add_argument("--filters", type=int, default=64, help="ngf = ndf")
    parser.add_argument("--jit-compile", choices=("auto", "true", "false"), default="auto",
                        help="Keras compile(jit_compile=...) for both Keras contenders")
    parser.add_argument("--steps-per-execution", type=int, default=1)
    parser.add_argument("--no-baseline", action="store_true", help="skip the hand-written Keras step")
    parser.add_argument("--torch", action="store_true", help="time only the PyTorch reference (no Keras)")
    parser.add_argument("--compare-torch", action="store_true",
                        help="also time the PyTorch reference in this process, and report kgan/torch")
    parser.add_argument("--torch-device", choices=("auto", "cuda", "cpu"), default="auto",
                        help="auto: CUDA, or a clear error when PyTorch sees no GPU")
    parser.add_argument("--torch-step", choices=("lean", "reference"), default="lean",
                        help="reference: as pytorch/examples, the G step also computes (and drops) D's weight "
                             "gradients; lean: D's weights are frozen during the G backward, as kgan does")
    parser.add_argument("--json-out", help="write the results here as JSON")
    args = parser.parse_args(argv)
    if args.image_size < 8 or args.image_size & (args.image_size - 1):
        parser.error(f"--image-size must be a power of two >= 8, got {args.image_size}")
    for name in ("batch_size", "steps", "repeats", "steps_per_execution", "filters", "latent_dim"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be >= 1, got {getattr(args, name)}")
    if args.warmup < 1:
        parser.error(f"--warmup must be >= 1 (the first step compiles), got {args.warmup}")
    if args.torch and args.compare_torch:
        parser.error("--torch times PyTorch alone; --compare-torch adds it to the Keras contenders: pick one")
    return args


class Unavailable(Exception):
    """A contender cannot run here; the message says why, in one line."""


# ----------------------------------------------------------------------------------------------
# Keras contenders
# ----------------------------------------------------------------------------------------------
def keras_contenders(args):
    import keras
    import numpy as np

    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    from kgan.models.dcgan import DCGAN
    from kgan.models.dcgan.networks import build_discriminator, build_generator

    keras.config.set_dtype_policy(args.precision)
    keras.utils.set_random_seed(0)
    jit = {"auto": "auto", "true": True, "false": False}[args.jit_compile]
    compile_kwargs = {"jit_compile": jit, "steps_per_execution": args.steps_per_execution}

    arguments = dict(image_size=args.image_size, channels=3, latent_dim=args.latent_dim,
                     generator_filters=args.filters, discriminator_filters=args.filters)
    data = make_keras_data(args, np)

    kgan_model = DCGAN(**arguments, seed=0)
    kgan_model.compile(**compile_kwargs)
    contenders = [KerasContender("kgan", kgan_model, data, args)]
    if not args.no_baseline:
        baseline = make_baseline_class()(
            build_generator(args.image_size, 3, args.latent_dim, args.filters),
            build_discriminator(args.image_size, 3, args.filters), args.latent_dim, seed=0)
        baseline.generator.set_weights(kgan_model.generator.get_weights())
        baseline.discriminator.set_weights(kgan_model.discriminator.get_weights())
        baseline.compile(keras.optimizers.Adam(2e-4, beta_1=0.5), keras.optimizers.Adam(2e-4, beta_1=0.5),
                         **compile_kwargs)
        contenders.append(KerasContender("keras_baseline", baseline, data, args))
    return contenders


def make_keras_data(args, np):
    """The same random images for every Keras contender: tf.data where TensorFlow is installed, else numpy."""
    pool = 4  # distinct batches, cycled: the data source must never be the bottleneck
    images = np.random.default_rng(0).uniform(
        -1.0, 1.0, (pool * args.batch_size, args.image_size, args.image_size, 3)).astype("float32")
    try:
        import tensorflow as tf
    except ImportError:
        import keras

        class Batches(keras.utils.PyDataset):
            def __init__(self, length):
                super().__init__()
                self.length = length

            def __len__(self):
                return self.length

            def __getitem__(self, index):
                start = (index % pool) * args.batch_size
                return images[start: start + args.batch_size]

        return lambda steps: (Batches(steps), steps)
    dataset = tf.data.Dataset.from_tensor_slices(images).batch(args.batch_size, drop_remainder=True)
    dataset = dataset.repeat().prefetch(tf.data.AUTOTUNE)
    return lambda steps: (dataset, steps)


class KerasContender:
    def __init__(self, name, model, data, args):
        self.name = name
        self.model = model
        self.data = data
        self.args = args
        self.last_logs = {}

    def run(self, steps):
        dataset, steps_per_epoch = self.data(steps)
        start = time.perf_counter()
        # fit returns once the state is synced back to the variables, so the time includes all device work.
        history = self.model.fit(dataset, epochs=1, steps_per_epoch=steps_per_epoch, shuffle=False, verbose=0)
        elapsed = time.perf_counter() - start
        self.last_logs = {k: float(v[-1]) for k, v in history.history.items()}
        return elapsed

    def describe(self):
        import keras
        return {"backend": keras.backend.backend(), "device": keras_device(),
                "trainable_params": {n: count_params(getattr(self.model, n)) for n in ("generator", "discriminator")}}

    def work(self):
        """What one training step computes, from the traced step (no timing noise): FLOPs, op counts."""
        import keras
        import numpy as np
        model, args = self.model, self.args
        batch = np.zeros((args.batch_size, args.image_size, args.image_size, 3), "float32")
        if keras.backend.backend() == "jax":
            import jax
            state = [[v.value for v in variables] for variables in (
                model.trainable_variables, model.non_trainable_variables, model.optimizer.variables,
                model.metrics_variables)]
            cost = jax.jit(model.train_step).lower(tuple(state), batch).cost_analysis()
            cost = cost[0] if isinstance(cost, (list, tuple)) else cost
            return {"flops": cost.get("flops"), "transcendentals": cost.get("transcendentals")}
        import collections
        import tensorflow as tf
        graph = tf.function(model.train_step, autograph=False).get_concrete_function(
            tf.TensorSpec(batch.shape, tf.float32)).graph
        types = collections.Counter(op.type for op in graph.get_operations())
        summary = {"ops": sum(types.values()),
                   "op_counts": {k: v for k, v in sorted(types.items()) if "Conv" in k or "BatchNorm" in k}}
        try:
            from tensorflow.python.profiler import model_analyzer, option_builder
            options = option_builder.ProfileOptionBuilder.float_operation()
            options["output"] = "none"
            summary["flops"] = model_analyzer.profile(graph, options=options).total_float_ops
        except Exception as error:  # the v1 profiler is optional: the op counts stand alone
            summary["flops_error"] = str(error).splitlines()[0]
        return summary


def count_params(network):
    import math
    return sum(math.prod(v.shape) for v in network.trainable_variables)


def keras_device():
    import keras
    if keras.backend.backend() == "jax":
        import jax
        device = jax.devices()[0]
        return f"{device.platform}:{getattr(device, 'device_kind', device)}"
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf
        gpus = tf.config.list_physical_devices("GPU")
        return f"gpu:{len(gpus)}" if gpus else "cpu"
    return keras.backend.backend()


def make_baseline_class():
    """The hand-written comparison: keras-io's GAN recipe, with the generator run once per step."""
    import keras
    from keras import ops

    def bce_d_loss(real_logits, fake_logits):
        real_logits, fake_logits = ops.cast(real_logits, "float32"), ops.cast(fake_logits, "float32")
        return ops.mean(ops.softplus(-real_logits)) + ops.mean(ops.softplus(fake_logits))

    def bce_g_loss(fake_logits):
        return ops.mean(ops.softplus(-ops.cast(fake_logits, "float32")))

    class TwoOptimizers(keras.optimizers.Optimizer):
        """What `compile` sees: the JAX trainer threads only `model.optimizer.variables`."""

        def __init__(self, d_optimizer, g_optimizer):
            super().__init__(learning_rate=0.0, name="two_optimizers")
            self.d_optimizer, self.g_optimizer = d_optimizer, g_optimizer

        def build(self, var_list):
            self.built = True

        @property
        def variables(self):
            return list(self.d_optimizer.variables) + list(self.g_optimizer.variables)

    class BaselineDCGAN(keras.Model):
        def __init__(self, generator, discriminator, latent_dim, seed=0):
            super().__init__()
            self.generator, self.discriminator, self.latent_dim = generator, discriminator, latent_dim
            self.seed_generator = keras.random.SeedGenerator(seed)
            self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
            self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
            self.built = True

        @property
        def metrics(self):
            return [self.d_loss_tracker, self.g_loss_tracker]

        def compile(self, d_optimizer, g_optimizer, **kwargs):
            if keras.config.dtype_policy().name == "mixed_float16":
                d_optimizer = keras.optimizers.LossScaleOptimizer(d_optimizer)
                g_optimizer = keras.optimizers.LossScaleOptimizer(g_optimizer)
            self.d_optimizer, self.g_optimizer = d_optimizer, g_optimizer
            d_optimizer.build(self.discriminator.trainable_variables)
            g_optimizer.build(self.generator.trainable_variables)
            # Each optimizer scales its own loss; Keras must not wrap the pair in another LossScaleOptimizer.
            super().compile(optimizer=TwoOptimizers(d_optimizer, g_optimizer), auto_scale_loss=False, **kwargs)

        def train_step(self, *args):
            if keras.backend.backend() == "jax":
                return self._jax_train_step(*args)
            return self._tf_train_step(*args)

        # --- TensorFlow: stateful, GradientTape ---
        def _tf_train_step(self, data):
            import tensorflow as tf
            real_images = keras.utils.unpack_x_y_sample_weight(data)[0]
            z = keras.random.normal((ops.shape(real_images)[0], self.latent_dim), seed=self.seed_generator)
            d_vars, g_vars = self.discriminator.trainable_variables, self.generator.trainable_variables
            with tf.GradientTape() as g_tape:
                fake_images = self.generator(z, training=True)  # [N, H, W, C], the step's only G forward
                with g_tape.stop_recording():
                    with tf.GradientTape() as d_tape:
                        real_logits = self.discriminator(real_images, training=True)
                        fake_logits = self.discriminator(tf.stop_gradient(fake_images), training=True)
                        d_loss = bce_d_loss(real_logits, fake_logits)
                        scaled = self._scale(self.d_optimizer, d_loss)
                    self.d_optimizer.apply(d_tape.gradient(scaled, d_vars), d_vars)
                g_loss = bce_g_loss(self.discriminator(fake_images, training=True))  # the updated D
                scaled = self._scale(self.g_optimizer, g_loss)
            self.g_optimizer.apply(g_tape.gradient(scaled, g_vars), g_vars)
            self.d_loss_tracker.update_state(d_loss)
            self.g_loss_tracker.update_state(g_loss)
            return {m.name: m.result() for m in self.metrics}

        @staticmethod
        def _scale(optimizer, loss):
            if isinstance(optimizer, keras.optimizers.LossScaleOptimizer):
                return optimizer.scale_loss(loss)
            return loss

        # --- JAX: pure, stateless_call + jax.vjp ---
        def _jax_train_step(self, state, data):
            import jax
            trainable, non_trainable, optimizer_values, metric_values = state
            real_images = keras.utils.unpack_x_y_sample_weight(data)[0]
            index = self._indices()
            pick = lambda values, positions: [values[i] for i in positions]
            g_tv, d_tv = pick(trainable, index["g_t"]), pick(trainable, index["d_t"])
            g_ntv, d_ntv = pick(non_trainable, index["g_n"]), pick(non_trainable, index["d_n"])
            n_d_opt = len(self.d_optimizer.variables)
            d_ov, g_ov = optimizer_values[:n_d_opt], optimizer_values[n_d_opt:]

            seed_state = non_trainable[index["seed"]]
            with keras.StatelessScope(state_mapping=[(self.seed_generator.state, seed_state)]) as scope:
                z = keras.random.normal((ops.shape(real_images)[0], self.latent_dim), seed=self.seed_generator)
                seed_state = scope.get_current_value(self.seed_generator.state)

            def g_forward(g_values):
                return self.generator.stateless_call(g_values, g_ntv, z, training=True)

            fake_images, g_pullback, g_ntv = jax.vjp(g_forward, g_tv, has_aux=True)  # [N, H, W, C]

            def d_objective(d_values, d_states):
                real_logits, d_states = self.discriminator.stateless_call(
                    d_values, d_states, real_images, training=True)
                fake_logits, d_states = self.discriminator.stateless_call(
                    d_values, d_states, jax.lax.stop_gradient(fake_images), training=True)
                loss = bce_d_loss(real_logits, fake_logits)
                return self._jax_scale(self.d_optimizer, d_ov, loss), (loss, d_states)

            d_grads, (d_loss, d_ntv) = jax.grad(d_objective, has_aux=True)(d_tv, d_ntv)
            d_tv, d_ov = self.d_optimizer.stateless_apply(d_ov, d_grads, d_tv)

            def g_objective(fake, d_states):
                fake_logits, d_states = self.discriminator.stateless_call(d_tv, d_states, fake, training=True)
                loss = bce_g_loss(fake_logits)
                return self._jax_scale(self.g_optimizer, g_ov, loss), (loss, d_states)

            fake_grads, (g_loss, d_ntv) = jax.grad(g_objective, has_aux=True)(fake_images, d_ntv)
            (g_grads,) = g_pullback(fake_grads)
            g_tv, g_ov = self.g_optimizer.stateless_apply(g_ov, g_grads, g_tv)

            n_d_metric = len(self.d_loss_tracker.variables)
            d_mv = self.d_loss_tracker.stateless_update_state(metric_values[:n_d_metric], d_loss)
            g_mv = self.g_loss_tracker.stateless_update_state(metric_values[n_d_metric:], g_loss)
            logs = {"d_loss": self.d_loss_tracker.stateless_result(d_mv),
                    "g_loss": self.g_loss_tracker.stateless_result(g_mv)}

            trainable, non_trainable = list(trainable), list(non_trainable)
            for positions, values, target in ((index["g_t"], g_tv, trainable), (index["d_t"], d_tv, trainable),
                                              (index["g_n"], g_ntv, non_trainable),
                                              (index["d_n"], d_ntv, non_trainable)):
                for i, value in zip(positions, values):
                    target[i] = value
            non_trainable[index["seed"]] = seed_state
            return logs, (trainable, non_trainable, list(d_ov) + list(g_ov), list(d_mv) + list(g_mv))

        def _jax_scale(self, optimizer, optimizer_values, loss):
            if not isinstance(optimizer, keras.optimizers.LossScaleOptimizer):
                return loss
            position = [id(v) for v in optimizer.variables].index(id(optimizer.dynamic_scale))
            return loss * ops.cast(optimizer_values[position], loss.dtype)

        def _indices(self):
            if not hasattr(self, "_index_cache"):
                t = {id(v): i for i, v in enumerate(self.trainable_variables)}
                n = {id(v): i for i, v in enumerate(self.non_trainable_variables)}
                self._index_cache = {
                    "g_t": [t[id(v)] for v in self.generator.trainable_variables],
                    "d_t": [t[id(v)] for v in self.discriminator.trainable_variables],
                    "g_n": [n[id(v)] for v in self.generator.non_trainable_variables],
                    "d_n": [n[id(v)] for v in self.discriminator.non_trainable_variables],
                    "seed": n[id(self.seed_generator.state)],
                }
            return self._index_cache

    return BaselineDCGAN


# ----------------------------------------------------------------------------------------------
# PyTorch contender: the pytorch/examples DCGAN, written here from its description
# ----------------------------------------------------------------------------------------------
def torch_contender(args):
    try:
        import torch
    except ImportError:
        raise Unavailable("PyTorch is not installed here (pip install torch); --torch and --compare-torch need it.")
    if args.torch_device == "auto":
        if not torch.cuda.is_available():
            raise Unavailable("PyTorch sees no CUDA GPU here; the PyTorch timing is meant for a GPU. "
                              "Pass --torch-device cpu to time it on the CPU anyway.")
        device = torch.device("cuda")
    elif args.torch_device == "cuda" and not torch.cuda.is_available():
        raise Unavailable("--torch-device cuda, but PyTorch sees no CUDA GPU here.")
    else:
        device = torch.device(args.torch_device)
    return TorchContender(args, device)


def build_torch_networks(torch, image_size, channels, latent_dim, filters):
    from torch import nn
    stages = image_size.bit_length() - 3
    width = filters * 2 ** (stages - 1)
    g_layers = [nn.ConvTranspose2d(latent_dim, width, 4, 1, 0, bias=False), nn.BatchNorm2d(width), nn.ReLU(True)]
    for _ in range(1, stages):
        g_layers += [nn.ConvTranspose2d(width, width // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(width // 2),
                     nn.ReLU(True)]
        width //= 2
    g_layers += [nn.ConvTranspose2d(width, channels, 4, 2, 1, bias=False), nn.Tanh()]
    d_layers, width = [], filters
    for stage in range(stages):
        d_layers.append(nn.Conv2d(channels if stage == 0 else width // 2, width, 4, 2, 1, bias=False))
        if stage > 0:
            d_layers.append(nn.BatchNorm2d(width))
        d_layers.append(nn.LeakyReLU(0.2, inplace=True))
        width *= 2
    d_layers += [nn.Conv2d(width // 2, 1, 4, 1, 0, bias=False), nn.Flatten()]  # logits [N, 1]
    generator, discriminator = nn.Sequential(*g_layers), nn.Sequential(*d_layers)

    def init(module):
        if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(module.weight, 0.0, 0.02)
        elif isinstance(module, nn.BatchNorm2d):
            nn.init.normal_(module.weight, 1.0, 0.02)
            nn.init.zeros_(module.bias)

    generator.apply(init)
    discriminator.apply(init)
    return generator, discriminator


class TorchContender:
    name = "torch"

    def __init__(self, args, device):
        import torch
        self.torch, self.args, self.device = torch, args, device
        torch.manual_seed(0)
        cuda = device.type == "cuda"
        if cuda:
            torch.backends.cudnn.benchmark = True
        self.generator, self.discriminator = [
            net.to(device, memory_format=torch.channels_last)
            for net in build_torch_networks(torch, args.image_size, 3, args.latent_dim, args.filters)]
        adam = dict(lr=2e-4, betas=(0.5, 0.999))
        if cuda:
            adam["fused"] = True
        self.d_optimizer = torch.optim.Adam(self.discriminator.parameters(), **adam)
        self.g_optimizer = torch.optim.Adam(self.generator.parameters(), **adam)
        self.autocast_dtype = {"mixed_bfloat16": torch.bfloat16, "mixed_float16": torch.float16}.get(args.precision)
        self.scaler = torch.amp.GradScaler(device.type, enabled=args.precision == "mixed_float16")
        # Batches live on the host, already NHWC in memory, and are copied each step as a DataLoader's would be.
        host = [torch.empty(args.batch_size, 3, args.image_size, args.image_size).uniform_(-1, 1)
                .contiguous(memory_format=torch.channels_last) for _ in range(4)]
        self.batches = [batch.pin_memory() for batch in host] if cuda else host
        self.step_count = 0
        self.last_logs = {}

    def _step(self):
        torch, args = self.torch, self.args
        # [N, C, H, W], NHWC in memory (`to` keeps the layout)
        real = self.batches[self.step_count % len(self.batches)].to(self.device, non_blocking=True)
        self.step_count += 1
        z = torch.randn(args.batch_size, args.latent_dim, 1, 1, device=self.device)
        softplus = torch.nn.functional.softplus
        autocast = (torch.autocast(self.device.type, dtype=self.autocast_dtype) if self.autocast_dtype
                    else contextlib.nullcontext())

        self.d_optimizer.zero_grad(set_to_none=True)
        with autocast:
            fake = self.generator(z)  # the step's only G forward
            real_logits = self.discriminator(real)
            fake_logits = self.discriminator(fake.detach())
            d_loss = softplus(-real_logits.float()).mean() + softplus(fake_logits.float()).mean()
        self.scaler.scale(d_loss).backward()
        self.scaler.step(self.d_optimizer)

        lean = args.torch_step == "lean"
        if lean:
            self.discriminator.requires_grad_(False)
        self.g_optimizer.zero_grad(set_to_none=True)
        with autocast:
            g_loss = softplus(-self.discriminator(fake).float()).mean()  # scored by the updated D
        self.scaler.scale(g_loss).backward()
        self.scaler.step(self.g_optimizer)
        self.scaler.update()
        if lean:
            self.discriminator.requires_grad_(True)
        return d_loss, g_loss

    def run(self, steps):
        torch = self.torch
        self._sync()
        start = time.perf_counter()
        for _ in range(steps):
            d_loss, g_loss = self._step()
        self._sync()
        elapsed = time.perf_counter() - start
        self.last_logs = {"d_loss": float(d_loss.detach()), "g_loss": float(g_loss.detach())}
        return elapsed

    def _sync(self):
        if self.device.type == "cuda":
            self.torch.cuda.synchronize()

    def copy_from_keras(self, generator, discriminator):
        """Loads kgan's weights; returns the largest output differences relative to the largest output (eval mode)."""
        import keras
        import numpy as np
        torch, nn = self.torch, self.torch.nn
        for keras_net, torch_net in ((generator, self.generator), (discriminator, self.discriminator)):
            keras_layers = [layer for layer in keras_net.layers if isinstance(layer, (
                keras.layers.Conv2DTranspose, keras.layers.Conv2D, keras.layers.BatchNormalization))]
            torch_layers = [m for m in torch_net.modules() if isinstance(m, (
                nn.ConvTranspose2d, nn.Conv2d, nn.BatchNorm2d))]
            assert len(keras_layers) == len(torch_layers), (keras_net.name, len(keras_layers), len(torch_layers))
            with torch.no_grad():
                for source, target in zip(keras_layers, torch_layers):
                    values = [keras.ops.convert_to_numpy(w) for w in source.weights]
                    if isinstance(target, nn.BatchNorm2d):
                        gamma, beta, mean, variance = values
                        for tensor, value in ((target.weight, gamma), (target.bias, beta),
                                              (target.running_mean, mean), (target.running_var, variance)):
                            tensor.copy_(torch.from_numpy(value))
                    else:
                        # Keras kernels are [kh, kw, in, out] (transposed: [kh, kw, out, in]); PyTorch's
                        # are [out, in, kh, kw] (transposed: [in, out, kh, kw]).
                        (kernel,) = values
                        target.weight.copy_(torch.from_numpy(np.ascontiguousarray(kernel.transpose(3, 2, 0, 1))))
        rng = np.random.default_rng(1)
        z = rng.normal(size=(4, self.args.latent_dim)).astype("float32")
        images = rng.uniform(-1, 1, (4, self.args.image_size, self.args.image_size, 3)).astype("float32")
        self.generator.eval()
        self.discriminator.eval()
        with torch.no_grad():
            torch_fake = self.generator(torch.from_numpy(z)[:, :, None, None].to(self.device))
            torch_logits = self.discriminator(torch.from_numpy(images).permute(0, 3, 1, 2).to(self.device))
        self.generator.train()
        self.discriminator.train()
        keras_fake = keras.ops.convert_to_numpy(generator(z, training=False))
        keras_logits = keras.ops.convert_to_numpy(discriminator(images, training=False))
        relative = lambda a, b: float(np.abs(a - b).max() / np.abs(b).max())
        return {"generator": relative(torch_fake.permute(0, 2, 3, 1).cpu().numpy(), keras_fake),
                "discriminator": relative(torch_logits.cpu().numpy(), keras_logits)}

    def describe(self):
        torch = self.torch
        device = torch.cuda.get_device_name(self.device) if self.device.type == "cuda" else "cpu"
        count = lambda net: sum(p.numel() for p in net.parameters() if p.requires_grad)
        return {"torch": torch.__version__, "device": device, "step": self.args.torch_step,
                "channels_last": True, "cudnn_benchmark": self.device.type == "cuda",
                "autocast": str(self.autocast_dtype).replace("torch.", "") if self.autocast_dtype else None,
                "trainable_params": {"generator": count(self.generator),
                                     "discriminator": count(self.discriminator)}}


# ----------------------------------------------------------------------------------------------
# Timing
# ----------------------------------------------------------------------------------------------
def time_contenders(contenders, args, log):
    for contender in contenders:
        log(f"warming up {contender.name} ({args.warmup} steps)...")
        contender.run(args.warmup)
    samples = {c.name: [] for c in contenders}
    for repeat in range(args.repeats):
        order = contenders if repeat % 2 == 0 else contenders[::-1]  # ABBA: drift hits both alike
        for contender in order:
            elapsed = contender.run(args.steps)
            samples[contender.name].append(args.steps / elapsed)
        log(f"repeat {repeat + 1}/{args.repeats}: " + ", ".join(
            f"{name} {values[-1]:.3f} steps/s" for name, values in samples.items()))
    return samples


def summarize(samples, args):
    results = {}
    for name, values in samples.items():
        median = statistics.median(values)
        results[name] = {"steps_per_s": median, "images_per_s": median * args.batch_size,
                         "best_steps_per_s": max(values), "steps_per_s_samples": values,
                         "spread": (max(values) - min(values)) / median}
    ratios = {}
    if "kgan" in samples:
        for other in samples:
            if other == "kgan":
                continue
            paired = [a / b for a, b in zip(samples["kgan"], samples[other])]
            ratios[f"kgan/{other}"] = {
                "median_of_paired": statistics.median(paired),
                "of_medians": results["kgan"]["steps_per_s"] / results[other]["steps_per_s"],
                # Interference only ever slows a step down: the best repetitions are the least disturbed.
                "of_best": results["kgan"]["best_steps_per_s"] / results[other]["best_steps_per_s"],
                "paired": paired}
    return results, ratios


def versions():
    found = {"python": platform.python_version()}
    for module in ("keras", "tensorflow", "jax", "torch", "numpy"):
        if module in sys.modules:
            found[module] = getattr(sys.modules[module], "__version__", "?")
    return found


def main(argv=None):
    args = parse_args(argv)
    log = lambda message: print(message, flush=True)
    use_torch = args.torch or args.compare_torch
    if use_torch:
        # JAX grabs 75% of GPU memory at start-up, TensorFlow all of it; leave room for PyTorch.
        os.environ.setdefault("XLA_PYTHON_CLIENT_PREALLOCATE", "false")
        os.environ.setdefault("TF_FORCE_GPU_ALLOW_GROWTH", "true")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    contenders, info = [], {}
    try:
        torch = torch_contender(args) if use_torch else None  # first: fail fast when PyTorch can't run
        if not args.torch:
            contenders += keras_contenders(args)
        if torch is not None:
            contenders.append(torch)
    except Unavailable as error:
        print(f"train_throughput: {error}", file=sys.stderr)
        return 2
    for contender in contenders:
        info[contender.name] = contender.describe()
    checks = {}
    by_name = {c.name: c for c in contenders}
    if "kgan" in by_name and "torch" in by_name:
        # The same weights in both frameworks give the same outputs: the networks are the same.
        kgan_model = by_name["kgan"].model
        checks["torch_vs_kgan_relative_output_difference"] = by_name["torch"].copy_from_keras(
            kgan_model.generator, kgan_model.discriminator)
    log(f"DCGAN-{args.image_size}, batch {args.batch_size}, {args.precision}: "
        + "; ".join(f"{name}: {json.dumps(d)}" for name, d in info.items()))
    devices = {d.get("device") for d in info.values()}
    if len({"cpu" if str(d).startswith("cpu") else "accelerator" for d in devices}) > 1:
        log(f"warning: the contenders run on different kinds of device ({sorted(map(str, devices))}); "
            "their ratio compares the devices, not the code.")

    samples = time_contenders(contenders, args, log)
    results, ratios = summarize(samples, args)
    for contender in contenders:
        results[contender.name]["last_logs"] = contender.last_logs
        results[contender.name].update(info[contender.name])

    for contender in contenders:
        if hasattr(contender, "work"):
            results[contender.name]["work_per_step"] = contender.work()
    if "kgan" in results and "keras_baseline" in results:
        # Equal traced work per step: no extra generator forward, no extra gradient.
        # kgan also counts its train steps and cycles: a few scalar ops, not network work.
        kgan_work, baseline_work = results["kgan"]["work_per_step"], results["keras_baseline"]["work_per_step"]
        flops = kgan_work.get("flops"), baseline_work.get("flops")
        checks["kgan_and_keras_baseline_same_work"] = (
            kgan_work.get("op_counts") == baseline_work.get("op_counts") and None not in flops
            and abs(flops[0] - flops[1]) <= 1e-4 * flops[1])
        # Same weights, seed, data and step count: equal losses show the two steps do the same work.
        checks["kgan_vs_keras_baseline_max_loss_difference"] = max(
            abs(results["kgan"]["last_logs"][k] - results["keras_baseline"]["last_logs"][k])
            for k in ("d_loss", "g_loss"))
    if "kgan" in info and "torch" in info:
        checks["torch_params_match_kgan"] = info["torch"]["trainable_params"] == info["kgan"]["trainable_params"]
    backend = None if args.torch else os.environ.get("KERAS_BACKEND", "tensorflow")
    command = ([f"KERAS_BACKEND={backend}"] if backend else []) + ["python", "benchmarks/train_throughput.py"]
    command += list(sys.argv[1:] if argv is None else argv)
    report = {
        "benchmark": "train_throughput", "model": f"DCGAN-{args.image_size}", "command": " ".join(command),
        "backend": backend, "precision": args.precision, "batch_size": args.batch_size,
        "image_size": args.image_size, "steps_per_repeat": args.steps, "warmup_steps": args.warmup,
        "repeats": args.repeats, "jit_compile": args.jit_compile,
        "steps_per_execution": args.steps_per_execution,
        "host": {"machine": platform.machine(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "versions": versions(), "results": results, "ratios": ratios, "checks": checks,
    }
    log("")
    log(f"{'contender':<16}{'steps/s':>10}{'images/s':>11}{'best steps/s':>14}{'spread':>9}")
    for name, result in results.items():
        log(f"{name:<16}{result['steps_per_s']:>10.3f}{result['images_per_s']:>11.1f}"
            f"{result['best_steps_per_s']:>14.3f}{result['spread']:>8.0%}")
    for name, ratio in ratios.items():
        log(f"{name}: {ratio['median_of_paired']:.3f} (median of paired repeats; ratio of medians "
            f"{ratio['of_medians']:.3f}, of bests {ratio['of_best']:.3f})")
    for name, result in results.items():
        if "work_per_step" in result:
            log(f"{name} work per step: {json.dumps(result['work_per_step'])}")
    for name, value in checks.items():
        log(f"{name}: {value if isinstance(value, (bool, dict)) else format(value, '.3g')}")
    if args.json_out:
        os.makedirs(os.path.dirname(os.path.abspath(args.json_out)), exist_ok=True)
        with open(args.json_out, "w") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
        log(f"wrote {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
