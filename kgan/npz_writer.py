"""A `.npz` archive written one array at a time, each from chunks, so memory stays bounded whatever its size."""
import os
import zipfile

import numpy as np

from kgan import files


class NpzWriter:
    """Writes what `np.savez` writes (an uncompressed zip of `.npy` files), from chunks, atomically.

    Each array is written by `write(name, shape, dtype, chunks)`, its chunks `[n, *shape[1:]]`
    streamed into the archive as they come; `np.load` reads the result as it reads
    `np.savez`'s. The archive is written to a temporary name beside `path` and renamed
    over it on `close()`, so a reader never sees a partial file; on an error inside
    `with` nothing is left behind. Zip64 entries, so an array may exceed 4 GiB.

    Args:
        path: the `.npz` file to write.

    Example:
    ```python
    with NpzWriter("out.npz") as npz:
        npz.write("images", (100_000, 32, 32, 1), "uint8", (to_uint8(b) for b in batches))
        npz.write("labels", labels.shape, "int32", [labels])
    ```
    """

    def __init__(self, path):
        self.path = os.fspath(path)
        self._temporary = files.temporary_path(self.path)
        try:
            self._zip = zipfile.ZipFile(self._temporary, "w", zipfile.ZIP_STORED, allowZip64=True)
        except OSError as error:
            raise files.naming(error, self._temporary, self.path) from None

    def write(self, name, shape, dtype, chunks):
        """Writes the array `name` of `shape` and `dtype` from `chunks`, whose lengths must add up to `shape[0]`."""
        dtype, shape = np.dtype(dtype), tuple(int(n) for n in shape)
        header = {"descr": np.lib.format.dtype_to_descr(dtype), "fortran_order": False, "shape": shape}
        written = 0
        try:
            with self._zip.open(f"{name}.npy", "w", force_zip64=True) as entry:
                np.lib.format.write_array_header_2_0(entry, header)
                for chunk in chunks:
                    chunk = np.ascontiguousarray(chunk, dtype=dtype)
                    if chunk.shape[1:] != shape[1:] or written + len(chunk) > shape[0]:
                        raise ValueError(f"{name}: a chunk of shape {chunk.shape} does not fit the array's "
                                         f"shape {shape} after {written} rows.")
                    entry.write(chunk.data)
                    written += len(chunk)
        except OSError as error:
            raise files.naming(error, self._temporary, self.path) from None
        if written != shape[0]:
            raise ValueError(f"{name}: {written} rows were written, but its shape is {shape}.")

    def close(self):
        """Finishes the archive and renames it to `path`; returns `path`."""
        try:
            self._zip.close()
            return files.commit(self._temporary, self.path)
        except OSError as error:
            self.abort()
            raise files.naming(error, self._temporary, self.path) from None

    def abort(self):
        """Drops the unfinished archive."""
        try:
            self._zip.close()
        except (OSError, ValueError):
            pass
        if os.path.exists(self._temporary):
            os.remove(self._temporary)

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if kind is None:
            self.close()
        else:
            self.abort()
        return False
