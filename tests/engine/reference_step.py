"""One LinearGAN train step with SGD, by hand in NumPy (the reference the engine must match)."""
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def reference_step(wg, bg, wd, bd, z, real, lr, critic_steps=1, direct_weight=0.0):
    n = len(z)
    fake = z @ wg + bg  # [N, D]
    for _ in range(critic_steps):
        real_logits, fake_logits = real @ wd + bd, fake @ wd + bd  # [N, 1]
        # d/dlogit of mean(softplus(-real)) and of mean(softplus(fake))
        d_real, d_fake = -sigmoid(-real_logits) / n, sigmoid(fake_logits) / n
        wd = wd - lr * (real.T @ d_real + fake.T @ d_fake)
        bd = bd - lr * (d_real.sum(0) + d_fake.sum(0))
    # Generator: scored by the updated D, through the same fake.
    d_logits = -sigmoid(-(fake @ wd + bd)) / n  # [N, 1]
    d_fake_images = d_logits @ wd.T + direct_weight * 2.0 * fake / fake.size
    wg = wg - lr * (z.T @ d_fake_images)
    bg = bg - lr * d_fake_images.sum(0)
    return wg, bg, wd, bd
