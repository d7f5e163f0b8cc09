"""A toy two-domain game for engine tests: 4 linear networks (G: a->b, F: b->a, D_a, D_b) in 2-4 players.

`fit(a, b)` with fixed weights makes every quantity a smooth function of the
weights, so a train step can be checked against a NumPy reference
(tests/engine/numpy_reference.py) that differentiates the same losses numerically.
"""
import keras
from keras import ops

from kgan import losses
from kgan.engine import AdversarialModel, Player, Step

LAYOUTS = ("generators_first", "four_players", "shared_discriminator")


def linear(name, units_in, units_out, seed):
    init = keras.initializers.RandomNormal(stddev=0.5, seed=seed)
    return keras.Sequential([keras.Input((units_in,)), keras.layers.Dense(units_out, kernel_initializer=init,
                                                                         bias_initializer=init)], name=name)


@keras.saving.register_keras_serializable(package="kgan_tests")
class LinearCycleGAN(AdversarialModel):
    """Layouts:

    - `generators_first`: [G and F] through the fake, then [D_a and D_b] on the same
      forward's detached fakes (CycleGAN's reference order);
    - `four_players`: D_a, D_b, then G and F as separate generator players;
    - `shared_discriminator`: D_a, D_b, then G and F, and a second D_b step
      every 2nd cycle that shares D_b's optimizer and uses no fake.
    """

    log_names = ("d_loss", "g_loss", "f_loss", "penalty")
    network_names = ("generator", "inverse", "critic_a", "critic_b")
    ema_networks = ("generator", "inverse")

    def __init__(self, layout="generators_first", cycle_weight=0.5, dim=2, view_mix=0.0, **kwargs):
        super().__init__(**kwargs)
        self.layout, self.cycle_weight, self.dim, self.view_mix = layout, cycle_weight, dim, view_mix
        self.generator = linear("generator", dim, dim, 1)
        self.inverse = linear("inverse", dim, dim, 2)
        self.critic_a = linear("critic_a", dim, 1, 3)
        self.critic_b = linear("critic_b", dim, 1, 4)
        # The seam's state: the previous train step's fakes, mixed into what the critics see.
        self.previous_fake_a = self.add_weight(shape=(8, dim), initializer="zeros", trainable=False,
                                               name="previous_fake_a")
        self.forward_calls = 0
        self.finish_networks()

    def training_schedule(self):
        g, f = Player("generator", [self.generator]), Player("inverse", [self.inverse])
        d_a, d_b = Player("critic_a", [self.critic_a]), Player("critic_b", [self.critic_b])
        if self.layout == "generators_first":
            return [Step(Player("generators", [self.generator, self.inverse]), self.generators_loss,
                         through_fake=True),
                    Step(Player("critics", [self.critic_a, self.critic_b]), self.critics_loss)]
        steps = [Step(d_a, self.critic_a_loss), Step(d_b, self.critic_b_loss),
                 Step(g, self.g_loss, through_fake=True), Step(f, self.f_loss, through_fake=True)]
        if self.layout == "shared_discriminator":
            steps.append(Step(d_b, self.critic_b_penalty, every=2, uses_fake=False))
        return steps

    def default_optimizers(self):
        names = ("generators", "critics") if self.layout == "generators_first" else \
            ("generator", "inverse", "critic_a", "critic_b")
        return {name: keras.optimizers.SGD(0.1) for name in names}

    def unpack(self, data):
        a, b, _ = keras.utils.unpack_x_y_sample_weight(data)
        return {"a": a, "b": b}

    def generator_forward(self, batch):
        self.forward_calls += 1
        return {"fake_b": self.generator(batch["a"]), "fake_a": self.inverse(batch["b"])}

    def discriminator_view(self, batch, fake):
        if not self.view_mix:
            return fake
        seen = {**fake, "fake_a": (1 - self.view_mix) * fake["fake_a"] + self.view_mix * self.previous_fake_a}
        self.previous_fake_a.assign(fake["fake_a"])
        return seen

    # --- losses ---
    def critic_a_loss(self, batch, fake):
        d_loss = losses.minimax_discriminator_loss(self.critic_a(batch["a"]), self.critic_a(fake["fake_a"]))
        return d_loss, {"d_loss": d_loss}

    def critic_b_loss(self, batch, fake):
        d_loss = losses.minimax_discriminator_loss(self.critic_b(batch["b"]), self.critic_b(fake["fake_b"]))
        return d_loss, {"d_loss": d_loss}

    def critics_loss(self, batch, fake):
        d_loss = self.critic_a_loss(batch, fake)[0] + self.critic_b_loss(batch, fake)[0]
        return d_loss, {"d_loss": d_loss}

    def critic_b_penalty(self, batch, fake):
        penalty = ops.mean(ops.square(self.critic_b(batch["b"])))
        return penalty, {"penalty": penalty}

    def g_loss(self, batch, fake):
        # The cycle term calls F on G's output: gradient into G through the fake, F at its current weights.
        cycle = ops.mean(ops.square(self.inverse(fake["fake_b"]) - batch["a"]))
        g_loss = losses.non_saturating_generator_loss(self.critic_b(fake["fake_b"])) + self.cycle_weight * cycle
        return g_loss, {"g_loss": g_loss}

    def f_loss(self, batch, fake):
        cycle = ops.mean(ops.square(self.generator(fake["fake_a"]) - batch["b"]))
        f_loss = losses.non_saturating_generator_loss(self.critic_a(fake["fake_a"])) + self.cycle_weight * cycle
        return f_loss, {"f_loss": f_loss}

    def generators_loss(self, batch, fake):
        (g_loss, _), (f_loss, _) = self.g_loss(batch, fake), self.f_loss(batch, fake)
        return g_loss + f_loss, {"g_loss": g_loss, "f_loss": f_loss}

