"""Growing models: weights and EMA carried into the next stage, a fade that moves every step without retracing."""
import keras
import numpy as np
import pytest

from kgan.engine.growth import grow
from kgan.engine.stage import Stage
from kgan.layers import FadeIn
from tests.engine.growing_toy import GrowingToy

FADE = 6


def images(size, count=64):
    return np.random.default_rng(0).uniform(-1.0, 1.0, (count, size, size, 1)).astype("float32")


def values(layer):
    return [np.asarray(keras.ops.convert_to_numpy(w)) for w in layer.weights]


def trained_stage_0(**kwargs):
    model = GrowingToy(seed=1, ema_decay=0.9, fade_steps=FADE, **kwargs)
    model.compile()
    model.fit(images(4), batch_size=16, epochs=1, verbose=0, shuffle=False)  # 4 steps
    return model


def test_fade_in_blends_old_and_new_paths():
    fade = FadeIn(alpha=0.25)
    old, new = np.zeros((1, 2, 2, 1), "float32"), np.full((1, 2, 2, 1), 4.0, "float32")
    np.testing.assert_allclose(keras.ops.convert_to_numpy(fade([old, new])), np.full((1, 2, 2, 1), 1.0))
    fade.alpha.assign(1.0)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(fade([old, new])), new)


def test_a_model_built_at_a_stage_starts_at_its_bounds():
    model = GrowingToy(stage=1, stage_steps=(4, 12), fade_steps=FADE)
    assert model.sample(2).shape == (2, 8, 8, 1)
    state = model.stage_state
    assert (int(state.stage_start), int(state.fade_steps), float(model.progress)) == (4, FADE, 0.0)
    assert [float(layer.alpha) for layer in model.fade_layers()] == [0.0, 0.0]
    assert float(GrowingToy(stage=0).progress) == 1.0  # no fade: the stage's own layers only
    with pytest.raises(ValueError, match="stage must be in 0..1"):
        GrowingToy(stage=2)


def test_growth_carries_every_shared_layer_and_regrows_the_ema():
    model = trained_stage_0()
    growth = grow(model)
    grown = growth.model
    assert grown.stage == 1 and grown.sample(2).shape == (2, 8, 8, 1)
    shared = ["g_dense", "g_conv_4", "g_rgb_4"]
    assert growth.carried == ["schedule_state", *[f"generator/{n}" for n in shared], "discriminator/d_rgb_4",
                              "discriminator/d_conv_4", "discriminator/d_logit",
                              *[f"ema_generator/{n}" for n in shared]]
    new = ["g_conv_8", "g_rgb_8", "g_fade_8"]
    assert growth.fresh == [*[f"generator/{n}" for n in new], "discriminator/d_rgb_8", "discriminator/d_conv_8",
                            "discriminator/d_fade_8", *[f"ema_generator/{n}" for n in new]]
    for network in ("generator", "discriminator", "ema_generator"):
        for layer in getattr(model, network).layers:
            if layer.weights:
                for a, b in zip(values(layer), values(getattr(grown, network).get_layer(layer.name))):
                    np.testing.assert_array_equal(a, b, err_msg=f"{network}/{layer.name}")
    # The EMA copy is its own average, not the generator's weights.
    assert not np.array_equal(values(grown.ema_generator.get_layer("g_dense"))[0],
                              values(grown.generator.get_layer("g_dense"))[0])
    assert grown.ema.averages["generator"] is grown.ema_generator
    assert len(grown.ema_generator.layers) == len(grown.generator.layers)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(grown.seed_generator.state),
                                  keras.ops.convert_to_numpy(model.seed_generator.state))
    assert int(grown.global_step) == 4 and int(grown.stage_state.stage_start) == 4


def test_growth_resets_optimizers_by_default_and_carries_them_on_request():
    reset = grow(trained_stage_0()).model
    assert all(int(opt.iterations) == 0 for opt in reset.optimizer.optimizers.values())
    assert all(np.all(keras.ops.convert_to_numpy(v) == 0) for v in reset.optimizer.variables
               if v.path.endswith(("momentum", "velocity")))
    old = trained_stage_0(carry_optimizers=True)
    carried = grow(old).model
    for name, optimizer in carried.optimizer.optimizers.items():
        assert int(optimizer.iterations) == 4, name
    kernel = lambda m: m.generator.get_layer("g_dense").kernel  # noqa: E731
    slot = lambda m: m.player_optimizer("generator")  # noqa: E731
    np.testing.assert_array_equal(
        keras.ops.convert_to_numpy(slot(carried)._momentums[slot(carried)._get_variable_index(kernel(carried))]),
        keras.ops.convert_to_numpy(slot(old)._momentums[slot(old)._get_variable_index(kernel(old))]))
    new_kernel = carried.generator.get_layer("g_conv_8").kernel
    fresh = slot(carried)._momentums[slot(carried)._get_variable_index(new_kernel)]
    assert np.all(keras.ops.convert_to_numpy(fresh) == 0)


def test_progress_moves_every_step_without_retracing():
    grown = grow(trained_stage_0()).model
    seen = []
    record = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(
        (float(grown.progress), [float(layer.alpha) for layer in grown.fade_layers()])))
    GrowingToy.forward_traces = 0
    grown.fit(images(8), batch_size=8, epochs=4, steps_per_epoch=1, verbose=0, shuffle=False, callbacks=[record])
    traces = GrowingToy.forward_traces
    assert traces == 1  # one trace for the whole fit, one generator forward in it
    # One epoch per step: the progress after steps 5..8 of a fade from step 4 over 6 steps, mirrored by all
    # three FadeIn layers (generator, its EMA copy, discriminator).
    assert [p for p, _ in seen] == pytest.approx([1 / 6, 2 / 6, 3 / 6, 4 / 6])
    assert all(alphas == pytest.approx([p] * 3) for p, alphas in seen)
    grown.fit(images(8), batch_size=8, epochs=1, steps_per_epoch=5, verbose=0, shuffle=False)
    assert GrowingToy.forward_traces == traces  # 5 more steps, progress clipped at 1, no new trace
    assert float(grown.progress) == 1.0 and int(grown.global_step) == 13


def test_the_fade_changes_what_the_generator_computes():
    model = GrowingToy(stage=1, seed=3)
    z = np.random.default_rng(1).normal(size=(2, 4)).astype("float32")
    generator = model.generator
    old = keras.Model(generator.input, generator.get_layer("g_fade_8").input[0])(z)
    new = keras.Model(generator.input, generator.get_layer("g_fade_8").input[1])(z)
    model.stage_state.update(model.stage_state.stage_start + 3, model.fade_layers())  # half way: 3 of 6
    np.testing.assert_allclose(keras.ops.convert_to_numpy(generator(z)),
                               keras.ops.convert_to_numpy(old + 0.5 * (new - old)), rtol=1e-6)


def test_stage_checks_its_arguments():
    with pytest.raises(ValueError, match="fade_steps must be at most"):
        Stage(8, steps=4, fade_steps=5)
    with pytest.raises(ValueError, match="resolution must be an integer"):
        Stage(0, steps=4)
    with pytest.raises(ValueError, match="does not grow"):
        from tests.engine.linear_gan import LinearGAN
        grow(LinearGAN())


def test_growth_refuses_networks_whose_layer_names_repeat():
    model = GrowingToy()
    block = lambda name: keras.Sequential([keras.layers.Dense(2, name="same")], name=name)  # noqa: E731
    z = keras.Input((2,))
    twin = keras.Model(z, block("b")(block("a")(z)), name="generator")  # "same" in both nested blocks
    model.__dict__["generator"] = twin
    with pytest.raises(ValueError, match="generator has two layers named 'same'"):
        grow(model)
