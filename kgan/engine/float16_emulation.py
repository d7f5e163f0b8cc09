"""A notice, once per process, that float16 is emulated where only CPUs compute (about 8 s a step on a CPU)."""
import warnings

import keras

#: set once the notice was given, by the command line or by a model built under `mixed_float16`.
warned = False


def emulated_on(policy_name):
    """The devices (`"cpu:0"`) when `policy_name` computes in float16 and Keras sees no accelerator; else None."""
    if policy_name != "mixed_float16":
        return None
    devices = keras.distribution.list_devices()
    return None if any(not name.lower().startswith("cpu") for name in devices) else ", ".join(devices)


def notice(devices):
    return (f"float16 is emulated on this device ({devices}): mixed_float16 runs much slower than float32 here "
            f"(mixed_float16 is for GPUs)")


def warn_once(policy_name, show=None):
    """Gives the notice the first time float16 is used without an accelerator: `show(text)`, or a UserWarning."""
    global warned
    if warned:
        return
    devices = emulated_on(policy_name)
    if devices is None:
        return
    warned = True
    if show is None:
        warnings.warn(notice(devices), UserWarning, stacklevel=4)
    else:
        show(notice(devices))
