"""The game of Goodfellow et al. 2014, shared by GAN, DCGAN and CGAN."""
import keras

from kgan import losses
from kgan.engine import Player, Step

GENERATOR_LOSSES = {
    "minimax": losses.minimax_generator_loss,
    "non_saturating": losses.non_saturating_generator_loss,
}


class StandardGame:
    """Players, losses and Adam defaults of the standard GAN game, for an `AdversarialModel`.

    The discriminator minimizes the binary cross-entropy of its logits (real
    labelled 1, fake 0); the generator minimizes `GENERATOR_LOSSES[generator_loss_name]`
    of the discriminator's logits on its fakes. The host class sets `generator`,
    `discriminator`, `generator_loss_name`, `learning_rate` and `beta_1`; a
    conditional family overrides `discriminate` to feed its condition too.
    List this mixin before `AdversarialModel` among the bases.
    """

    def training_schedule(self):
        return [Step(Player("discriminator", [self.discriminator]), self.discriminator_loss),
                Step(Player("generator", [self.generator]), self.generator_loss, through_fake=True)]

    def default_optimizers(self):
        return {name: keras.optimizers.Adam(self.learning_rate, beta_1=self.beta_1)
                for name in ("discriminator", "generator")}

    def discriminate(self, batch, images):
        """The discriminator's logits (`[N, 1]`, or a patch map) for `images` drawn for `batch`."""
        return self.discriminator(images, training=True)

    def discriminator_loss(self, batch, fake_images):
        # Real and fake go through D as separate batches, so each gets its own BatchNorm statistics.
        real_logits = self.discriminate(batch, batch["images"])  # [N, 1]
        fake_logits = self.discriminate(batch, fake_images)  # [N, 1]
        d_loss = losses.minimax_discriminator_loss(real_logits, fake_logits)
        return d_loss, {"d_loss": d_loss}

    def generator_loss(self, batch, fake_images):
        fake_logits = self.discriminate(batch, fake_images)  # [N, 1]
        g_loss = GENERATOR_LOSSES[self.generator_loss_name](fake_logits)
        return g_loss, {"g_loss": g_loss}
