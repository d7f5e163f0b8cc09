"""The critic-and-generator game of WGAN and WGAN-GP."""
from kgan import losses
from kgan.engine import Player, Step


class WassersteinGame:
    """Schedule and generator loss of a Wasserstein GAN, for an `AdversarialModel`.

    The critic steps `critic_repeat()` times per generator step. By default each
    critic step takes its own real batch, as in the WGAN and WGAN-GP reference
    code, so one generator iteration consumes that many batches; with
    `shared_critic_batch` all of them score the train step's one real batch,
    each with fresh noise. The generator minimizes `-mean(critic(fake))`.

    The host class sets `generator`, `critic`, `shared_critic_batch`, and writes
    `critic_loss` and `critic_repeat()` (an int, or a callable of the model).
    List this mixin before `AdversarialModel` among the bases.
    """

    def training_schedule(self):
        return [Step(Player("critic", [self.critic]), self.critic_loss, repeat=self.critic_repeat(),
                     fresh_data=not self.shared_critic_batch),
                Step(Player("generator", [self.generator]), self.generator_loss, through_fake=True)]

    def generator_loss(self, batch, fake_images):
        fake_logits = self.critic(fake_images, training=True)  # [N, 1]
        g_loss = losses.wasserstein_generator_loss(fake_logits)
        return g_loss, {"g_loss": g_loss}
