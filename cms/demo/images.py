"""Demo images drawn locally with Pillow: a gradient, a few shapes and a caption.

Nothing is downloaded. The same title always gives the same picture, and an image that
already exists (same title in the demo collection) is reused rather than drawn again.
"""

import io
import random
from dataclasses import dataclass

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

COLLECTION_NAME = "Demo content"

# (top colour, bottom colour, shape colour with alpha)
PALETTES = {
    "terracotta": ((214, 120, 82), (120, 52, 38), (255, 226, 196, 70)),
    "olive": ((128, 138, 72), (52, 62, 34), (232, 224, 160, 70)),
    "sage": ((164, 186, 160), (78, 104, 88), (246, 244, 228, 80)),
    "ink": ((52, 70, 110), (18, 24, 44), (200, 214, 240, 60)),
    "rose": ((226, 160, 160), (140, 70, 86), (255, 236, 236, 70)),
    "berry": ((150, 40, 64), (62, 14, 32), (255, 200, 160, 60)),
    "cobalt": ((60, 100, 180), (240, 236, 222), (250, 200, 60, 80)),
    "lake": ((96, 150, 176), (30, 64, 92), (236, 246, 250, 70)),
    "leather": ((170, 110, 64), (74, 42, 24), (250, 220, 180, 60)),
    "amber": ((236, 162, 60), (120, 54, 16), (255, 240, 200, 80)),
    "wheat": ((232, 200, 140), (160, 110, 56), (255, 250, 230, 90)),
    "cream": ((246, 236, 214), (206, 184, 150), (150, 110, 70, 50)),
    "stone": ((176, 170, 160), (84, 80, 76), (240, 236, 230, 70)),
}
MOTIFS = ("circles", "stripes", "arches", "dots")

HERO = (1200, 675)
SQUARE = (640, 640)


@dataclass(frozen=True)
class ImageSpec:
    title: str
    description: str = ""
    palette: str = "terracotta"
    motif: str = "circles"
    size: tuple = HERO
    caption: str = ""  # drawn on the picture; the title if empty
    kicker: str = "BOTTEGA LUME"  # small text above the caption


def draw(spec):
    """The JPEG bytes of ``spec``'s picture."""
    width, height = spec.size
    rng = random.Random(spec.title)
    top, bottom, shape = PALETTES[spec.palette]

    gradient = PILImage.linear_gradient("L").resize((width, height), PILImage.Resampling.BILINEAR)
    picture = PILImage.composite(PILImage.new("RGB", spec.size, bottom), PILImage.new("RGB", spec.size, top), gradient)
    pen = ImageDraw.Draw(picture, "RGBA")
    _draw_motif(pen, spec.motif, width, height, shape, rng)

    caption = spec.caption or spec.title
    font = ImageFont.load_default(size=max(18, height // 14))
    small = ImageFont.load_default(size=max(12, height // 32))
    margin = width // 16
    lines = _wrap(pen, caption, font, width - 2 * margin)
    line_height = int(font.size * 1.2)
    y = height - margin - line_height * len(lines)
    pen.rectangle((0, y - margin // 2 - small.size * 2, width, height), fill=(0, 0, 0, 70))
    pen.text((margin, y - small.size * 2), spec.kicker, font=small, fill=(255, 255, 255, 220))
    for line in lines:
        pen.text((margin, y), line, font=font, fill=(255, 255, 255))
        y += line_height

    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def _draw_motif(pen, motif, width, height, colour, rng):
    if motif == "circles":
        for _ in range(7):
            x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(height // 8, height // 2)
            pen.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    elif motif == "stripes":
        step = rng.randrange(width // 14, width // 7)
        for x in range(-height, width, step * 2):
            pen.polygon([(x, 0), (x + step, 0), (x + step + height, height), (x + height, height)], fill=colour)
    elif motif == "arches":
        count = rng.randrange(3, 6)
        span = width // count
        for index in range(count):
            left = index * span + span // 8
            top = rng.randrange(height // 6, height // 2)
            pen.rounded_rectangle((left, top, left + span * 3 // 4, height + span), radius=span // 2, fill=colour)
    else:
        gap = rng.randrange(height // 12, height // 6)
        radius = gap // 5
        for x in range(gap // 2, width, gap):
            for y in range(gap // 2, height, gap):
                pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)


def _wrap(pen, text, font, max_width):
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and pen.textlength(candidate, font=font) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + [current] if current else lines


class ImageLibrary:
    """Finds or draws demo images, keyed on their title within the demo collection."""

    def __init__(self):
        self.model = get_image_model()
        self.collection = self._collection()
        self.by_title = {image.title: image for image in self.model.objects.filter(collection=self.collection)}
        self.created = 0

    @staticmethod
    def _collection():
        root = Collection.get_first_root_node()
        existing = root.get_children().filter(name=COLLECTION_NAME).first()
        return existing or root.add_child(name=COLLECTION_NAME)

    def get(self, spec):
        image = self.by_title.get(spec.title)
        if image is None:
            image = self.model(title=spec.title, description=spec.description[:255], collection=self.collection)
            image.file = ImageFile(io.BytesIO(draw(spec)), name=f"demo-{slugify(spec.title)[:80]}.jpg")
            image._set_image_file_metadata()
            image.save()
            self.by_title[spec.title] = image
            self.created += 1
        return image
