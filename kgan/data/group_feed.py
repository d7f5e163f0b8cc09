"""`GroupFeed`: dict batches of image groups, each group with its own order and its own jitter."""
from collections import namedtuple

import tensorflow as tf

from kgan.data import transforms
from kgan.data.pipeline import AUTOTUNE, counter

#: examples (`ArrayExamples` or `FileExamples`), an order (`EpochOrder` or `DomainOrder`) and
#: names: batch name -> the examples' side it holds, e.g. {"source": "A", "target": "B"}.
Group = namedtuple("Group", ["examples", "order", "names"])
#: pix2pix's jitter after the examples were resized to their load size: a random crop, a random mirror.
Jitter = namedtuple("Jitter", ["crop_size", "flip"])


class GroupFeed:
    """The batches of one or more groups of examples, drawn each in its own order.

    A paired source is one group (source and target drawn together, cropped and
    mirrored together); unpaired data is two groups (each domain in its own order,
    with its own crops). Group k is jittered with `transforms.joint_jitter`'s stream
    k, so the batch at a global step is a pure function of (seed, step). Examples
    held in memory are gathered a batch at a time; files are decoded one by one in
    parallel, in a deterministic order.

    Args:
        groups: `Group`s; every order gives the same batch size.
        seed: the data seed (of the jitter).
        jitter: a `Jitter`, or None to use the examples as they are (held-out data).

    Example:
        feed = GroupFeed([Group(examples, EpochOrder(400, 1, 0), {"source": "A", "target": "B"})],
                         seed=0, jitter=Jitter(256, flip=True))
    """

    def __init__(self, groups, seed, jitter=None):
        self.groups = list(groups)
        self.seed = seed
        self.jitter = jitter
        self.batch_size = self.groups[0].order.batch_size

    @property
    def cached(self):
        return all(group.examples.cached for group in self.groups)

    def rename(self, group, images):
        return {name: images[side] for name, side in group.names.items()}

    def finish(self, batch, step):
        """Jittered group by group (cropping the uint8 images first: less to convert), then normalized to [-1, 1]."""
        if self.jitter is not None:
            for stream, group in enumerate(self.groups):
                batch = transforms.joint_jitter(batch, tuple(group.names), seed=self.seed, step=step,
                                                crop_size=self.jitter.crop_size, flip=self.jitter.flip, stream=stream)
        return {name: transforms.normalize(images) for name, images in batch.items()}  # [B, S, S, C]

    def batch_at(self, step):
        batch = {}
        for group in self.groups:
            batch.update(self.rename(group, group.examples.read_batch(group.order.indices(step))))
        return self.finish(batch, step)

    def example(self, *indices):
        out = {}
        for group, index in zip(self.groups, indices):
            out.update(self.rename(group, group.examples.read(index)))
        return out

    def dataset(self, start_step):
        if self.cached:
            return counter(start_step).map(self.batch_at, num_parallel_calls=AUTOTUNE, deterministic=True)
        indices = counter(start_step).map(lambda step: tuple(group.order.indices(step) for group in self.groups))
        examples = indices.unbatch().map(self.example, num_parallel_calls=AUTOTUNE, deterministic=True)
        batches = tf.data.Dataset.zip((examples.batch(self.batch_size, drop_remainder=True), counter(start_step)))
        return batches.map(self.finish, num_parallel_calls=AUTOTUNE, deterministic=True)
