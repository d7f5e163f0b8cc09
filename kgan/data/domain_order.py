"""`DomainOrder`: one domain's examples for every global step of unpaired data."""
import tensorflow as tf

# An arbitrary constant that keeps the domains' orders apart from other uses of the same seed.
DOMAIN_STREAM = 0x646F6D61696E


class DomainOrder:
    """An endless run of permutations of one domain's examples, B per step, independent of the other domain's.

    Draw k (= step * B + i) is position k % N of permutation k // N, seeded by
    (seed, stream, k // N): every example comes once per N draws, a batch may
    straddle two permutations, and nothing is dropped. The two domains of unpaired
    data have their own N and their own stream, so they never line up. As
    `EpochOrder`, it is a pure function of (seed, step), so a pipeline can start at
    any step.

    Args:
        num_examples: the domain's examples, N.
        batch_size: B, draws per step.
        seed: the data seed.
        stream: the domain's number (0 for A, 1 for B).
        shuffle: False draws the examples in stored order, round and round.

    Example:
        order = DomainOrder(1067, batch_size=1, seed=0, stream=0)
        order.indices(tf.constant(5, tf.int64))  # [1] int64
    """

    def __init__(self, num_examples, batch_size, seed, stream, shuffle=True):
        self.num_examples = int(num_examples)
        self.batch_size = int(batch_size)
        self.seed = int(seed)
        self.stream = int(stream)
        self.shuffle = shuffle

    def indices(self, step):
        """Example indices of the batch at global `step` (an int64 scalar tensor): `[B]` int64."""
        draws = tf.cast(step, tf.int64) * self.batch_size + tf.range(self.batch_size, dtype=tf.int64)  # [B]
        rounds, positions = draws // self.num_examples, draws % self.num_examples  # [B], [B]
        if not self.shuffle:
            return positions
        key = tf.random.experimental.stateless_fold_in(
            tf.constant([self.seed, DOMAIN_STREAM], tf.int64), self.stream)  # [2]
        key = tf.cast(key, tf.int64)
        # One seed per draw; the raw op, as `index_shuffle` pads a seed matrix along the wrong axis.
        seeds = tf.stack([tf.fill([self.batch_size], key[0]), tf.fill([self.batch_size], key[1]), rounds],
                         axis=1)  # [B, 3]
        return tf.raw_ops.RandomIndexShuffle(
            index=positions, seed=seeds, max_index=tf.fill([self.batch_size], tf.constant(self.num_examples - 1,
                                                                                          tf.int64)), rounds=4)
