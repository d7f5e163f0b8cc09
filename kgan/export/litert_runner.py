"""Running a `.tflite` image network with LiteRT's interpreter (`ai_edge_litert`), at whatever size each call needs."""
import numpy as np


class LiteRTRunner:
    """Calls a `.tflite` file of one image input and one image output: `runner(images [1, h, w, C]) -> [1, H, W, C']`.

    The input is resized (`resize_tensor_input`) only when the size changes, so a
    run of equal tiles allocates once.

    Args:
        path: the `.tflite` file (`kgan.export.tflite.export_tflite`).
        num_threads: CPU threads the interpreter may use.
    """

    def __init__(self, path, num_threads=None):
        from ai_edge_litert.interpreter import Interpreter

        self.interpreter = Interpreter(model_path=path, num_threads=num_threads)
        self.input = self.interpreter.get_input_details()[0]
        self.output = self.interpreter.get_output_details()[0]
        self.channels = int(self.input["shape_signature"][-1])
        self.shape = None

    def __call__(self, images):
        images = np.ascontiguousarray(images, dtype=np.float32)
        if images.shape != self.shape:
            self.interpreter.resize_tensor_input(self.input["index"], images.shape, strict=True)
            self.interpreter.allocate_tensors()
            self.shape = images.shape
        self.interpreter.set_tensor(self.input["index"], images)
        self.interpreter.invoke()
        return self.interpreter.get_tensor(self.output["index"])
