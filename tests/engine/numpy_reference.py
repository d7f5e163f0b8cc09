"""The LinearCycleGAN game written again in NumPy (float64), with gradients by central differences.

Independent of the engine: each step's loss is a plain function of a weight
dict, and SGD moves the stepping player's weights along its numerical gradient.
"""
import numpy as np

EPS = 1e-6


def softplus(x):
    return np.logaddexp(0.0, x)


def dense(weights, name, x):
    return x @ weights[f"{name}/kernel"] + weights[f"{name}/bias"]


def minimax_d(real_logits, fake_logits):
    return softplus(-real_logits).mean() + softplus(fake_logits).mean()


def nonsat_g(fake_logits):
    return softplus(-fake_logits).mean()


class CycleReference:
    """One train step at a time of the toy game, in the order and with the fakes the engine should use."""

    def __init__(self, model, cycle_weight=0.5, lr=0.1, view_mix=0.0):
        self.w = {}
        for name in ("generator", "inverse", "critic_a", "critic_b"):
            kernel, bias = getattr(model, name).get_weights()
            self.w[f"{name}/kernel"], self.w[f"{name}/bias"] = kernel.astype("float64"), bias.astype("float64")
        self.cycle_weight, self.lr, self.view_mix = cycle_weight, lr, view_mix
        self.previous_fake_a = None
        self.cycles = 0

    # --- losses as functions of the weights; `fake` fixes detached fakes ---
    def critic_a_loss(self, w, a, fake_a):
        return minimax_d(dense(w, "critic_a", a), dense(w, "critic_a", fake_a))

    def critic_b_loss(self, w, b, fake_b):
        return minimax_d(dense(w, "critic_b", b), dense(w, "critic_b", fake_b))

    def g_loss(self, w, a):
        fake_b = dense(w, "generator", a)
        cycle = np.mean((dense(w, "inverse", fake_b) - a) ** 2)
        return nonsat_g(dense(w, "critic_b", fake_b)) + self.cycle_weight * cycle

    def f_loss(self, w, b):
        fake_a = dense(w, "inverse", b)
        cycle = np.mean((dense(w, "generator", fake_a) - b) ** 2)
        return nonsat_g(dense(w, "critic_a", fake_a)) + self.cycle_weight * cycle

    def penalty(self, w, b):
        return np.mean(dense(w, "critic_b", b) ** 2)

    # --- SGD on numerical gradients ---
    def sgd(self, loss, networks):
        names = [k for k in self.w if k.split("/")[0] in networks]
        grads = {}
        for name in names:
            grad = np.zeros_like(self.w[name])
            for index in np.ndindex(grad.shape):
                plus, minus = dict(self.w), dict(self.w)
                plus[name], minus[name] = self.w[name].copy(), self.w[name].copy()
                plus[name][index] += EPS
                minus[name][index] -= EPS
                grad[index] = (loss(plus) - loss(minus)) / (2 * EPS)
            grads[name] = grad
        for name in names:  # all gradients at the old weights, then one update
            self.w[name] = self.w[name] - self.lr * grads[name]

    def step(self, layout, a, b):
        a, b = a.astype("float64"), b.astype("float64")
        fake_b, fake_a = dense(self.w, "generator", a), dense(self.w, "inverse", b)  # the one forward
        if layout == "generators_first":
            self.sgd(lambda w: self.g_loss(w, a) + self.f_loss(w, b), ("generator", "inverse"))
            seen_a = fake_a
            if self.view_mix:
                previous = np.zeros_like(fake_a) if self.previous_fake_a is None else self.previous_fake_a
                seen_a = (1 - self.view_mix) * fake_a + self.view_mix * previous
                self.previous_fake_a = fake_a
            # The critics score the fakes of the forward made before the generators stepped.
            self.sgd(lambda w: self.critic_a_loss(w, a, seen_a) + self.critic_b_loss(w, b, fake_b),
                     ("critic_a", "critic_b"))
        else:
            self.sgd(lambda w: self.critic_a_loss(w, a, fake_a), ("critic_a",))
            self.sgd(lambda w: self.critic_b_loss(w, b, fake_b), ("critic_b",))
            self.sgd(lambda w: self.g_loss(w, a), ("generator",))
            self.sgd(lambda w: self.f_loss(w, b), ("inverse",))
            if layout == "shared_discriminator" and self.cycles % 2 == 0:
                self.sgd(lambda w: self.penalty(w, b), ("critic_b",))
        self.cycles += 1
