"""The history of generated images that CycleGAN's discriminators are trained on (Shrivastava et al. 2017)."""
import keras
from keras import ops

from kgan.checks import check_int


@keras.saving.register_keras_serializable(package="kgan")
class ImagePool(keras.layers.Layer):
    """Up to `pool_size` earlier fakes, as non-trainable weights, so a checkpoint holds them and resume is exact.

    `query(images, seed_generator)` returns what the discriminator sees in place of
    `images`, one image at a time in batch order, by the reference's rule: while
    the pool is not full, the image is stored and returned; once it is full, with
    probability 1/2 a stored image (chosen uniformly) is returned and the new one
    takes its place, else the new image is returned. The draws come from
    `seed_generator` (the model's), so the pool is pure under a JAX trace and
    repeats exactly on resume. A pool of size 0 returns `images` unchanged.

    Args:
        pool_size: images kept (the reference keeps 50); 0 turns the pool off.
        image_shape: `(H, W, C)` of one image.

    Example:
    ```python
    pool = ImagePool(50, (256, 256, 3))
    seen = pool.query(fake_b, model.seed_generator)  # [N, 256, 256, 3]
    ```

    Reference: junyanz/pytorch-CycleGAN-and-pix2pix `util/image_pool.py`; Shrivastava
    et al., "Learning from Simulated and Unsupervised Images through Adversarial Training", CVPR 2017.
    """

    def __init__(self, pool_size=50, image_shape=(256, 256, 3), **kwargs):
        super().__init__(**kwargs)
        check_int("pool_size", pool_size, 0)
        self.pool_size = pool_size
        self.image_shape = tuple(int(d) for d in image_shape)
        self.images = self.add_weight(shape=(pool_size, *self.image_shape), dtype="float32", initializer="zeros",
                                      trainable=False, name="images")  # [P, H, W, C]
        self.count = self.add_weight(shape=(), dtype="int32", initializer="zeros", trainable=False,
                                     name="count")  # images stored so far, at most P
        self.built = True

    def query(self, images, seed_generator):
        """`images` [N, H, W, C] -> what the discriminator sees, [N, H, W, C]; updates the pool."""
        if self.pool_size == 0:
            return images
        n = ops.shape(images)[0]
        coins = keras.random.uniform((n,), seed=seed_generator)  # [N]: > 0.5 swaps once full
        slots = keras.random.randint((n,), 0, self.pool_size, seed=seed_generator)  # [N]
        new = ops.cast(images, "float32")
        zero = ops.zeros((), "int32")

        # Each image writes one slot of the pool and one row of the output: O(H W C) per image, not O(N H W C).
        def one(i, state):
            pool, count, seen = state
            image = ops.take(new, i, axis=0)  # [H, W, C]
            filling = ops.less(count, self.pool_size)
            swap = ops.logical_and(ops.logical_not(filling), ops.take(coins, i) > 0.5)
            slot = ops.where(filling, count, ops.cast(ops.take(slots, i), "int32"))
            stored = ops.take(pool, slot, axis=0)  # [H, W, C]
            kept = ops.where(ops.logical_or(filling, swap), image, stored)  # the slot's content from now on
            pool = ops.slice_update(pool, (slot, zero, zero, zero), kept[None])  # [P, H, W, C]
            shown = ops.where(swap, stored, image)
            seen = ops.slice_update(seen, (ops.cast(i, "int32"), zero, zero, zero), shown[None])  # [N, H, W, C]
            return pool, count + ops.cast(filling, "int32"), seen

        pool, count, seen = ops.fori_loop(0, n, one, (ops.convert_to_tensor(self.images),
                                                      ops.convert_to_tensor(self.count), new))
        self.images.assign(pool)
        self.count.assign(count)
        return ops.cast(seen, images.dtype)

    def get_config(self):
        return {**super().get_config(), "pool_size": self.pool_size, "image_shape": list(self.image_shape)}
