"""Pictures of pages (.png, .jpg, .tif; a TIFF may hold several pages) read by OCR."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import IngestedPage, IngestError, IngestFailure


def read_image(path: Path) -> list[IngestedPage | IngestFailure]:
    """One page (or one failure) per frame of the picture; a single frame is named by the
    file alone. Raises :class:`IngestError` when the file is no picture."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    from pipeline.ingest.ocr import ocr_page

    try:
        picture = Image.open(path)
    except (UnidentifiedImageError, Image.DecompressionBombError) as err:
        raise IngestError(f"not a readable picture ({type(err).__name__})") from err
    with picture:
        frames = [frame.convert("RGB") for frame in ImageSequence.Iterator(picture)]
    if len(frames) == 1:
        return [ocr_page(frames[0], str(path))]
    return [ocr_page(frame, f"{path}#page={n}") for n, frame in enumerate(frames, start=1)]
